"""Seed content of the conference section: three conferences and the reports
from earlier conferences, seminars and meetings."""

from pages.models import ReportKind
from pages.seed import NOT_ONLINE
from pages.seeding import paragraph, report_list

from .models import ConferenceIndexPage, ConferencePage

Role = ConferencePage.Role

INDEX = {
    "nb": dict(
        title="Konferanser",
        slug="konferanser",
        summary=(
            "Krisesentersekretariatet (KSS) anser internasjonalt samarbeid som svært viktig. "
            "KSS deltar også på internasjonale konferanser der vi deler erfaring og kompetanse "
            "hvert enkelt land har opparbeidet seg. Det er samtidig viktig å samarbeide med "
            "andre land i arbeidet for å bekjempe vold mot kvinner og vold i nære relasjoner i "
            "hele verden. Nedenfor finnes en oversikt over regionale og internasjonale "
            "konferanser vi tidligere har arrangert eller arbeider med å arrangere i samarbeid "
            "med andre."
        ),
        reports_heading="Les mer om tidligere internasjonale konferanser, seminarer og møter",
    ),
}

# Facts that are the same in every language.
CONFERENCES = {
    "nordic-forum-2014": dict(
        year=2014,
        country="SE",
        participants=30_000,
        participants_approximate=True,
        kss_role=Role.STEERING_GROUP,
    ),
    "nordic-women-against-violence-2015": dict(year=2015, kss_role=Role.CO_ORGANISER),
    "world-conference-of-womens-shelters": dict(kss_role=Role.CO_ORGANISER),
}

TEXT = {
    "nb": {
        "nordic-forum-2014": dict(
            title="Nordisk Forum 2014",
            slug="nordisk-forum-2014",
            city="Malmø",
            summary=(
                "Den nordiske konferansen Nordisk Forum i Malmø i 2014 samlet gjennom fire "
                "dager rundt 30 000 deltagere. KSS var norsk representant i styringsgruppen "
                "til konferansen."
            ),
            body=[
                paragraph(
                    "Feministisk Nettverk Norden (FNN) er et resultat av Nordisk Forum i Malmø "
                    "i 2014, og KSS er en del av nettverket.",
                ),
            ],
        ),
        "nordic-women-against-violence-2015": dict(
            title="Nordiske kvinner mot vold 2015",
            slug="nordiske-kvinner-mot-vold-2015",
            summary=(
                "En regional konferanse som KSS har arrangert eller arbeider med å arrangere i "
                "samarbeid med andre."
            ),
        ),
        "world-conference-of-womens-shelters": dict(
            title="Verdenskonferansen for krisesentrene",
            slug="verdenskonferansen-for-krisesentrene",
            summary=(
                "En internasjonal konferanse som KSS har arrangert eller arbeider med å "
                "arrangere i samarbeid med andre."
            ),
        ),
    },
}

EARLIER_REPORTS = {
    "report:pakistan-2005": dict(
        year=2005,
        kind=ReportKind.CONFERENCE_REPORT,
        country="PK",
        nb="Rapport fra Regional konferanse om vold mot kvinner i Pakistan 05",
    ),
    "report:brussels-seminar-2002": dict(
        year=2002,
        kind=ReportKind.SEMINAR_REPORT,
        country="BE",
        nb="Rapport fra samarbeidsseminar i Brussel om vold mot kvinner med funksjonshemning "
        "– sept. 02",
    ),
    "report:woman-incorporated-2002": dict(
        year=2002,
        kind=ReportKind.PROGRESS_REPORT,
        country="",
        nb="Woman Incorporated & Krisesentersekretariatet – 6.mnd rapport – oktober 01-mars 02",
    ),
    "report:brussels-study-trip-2004": dict(
        year=2004,
        kind=ReportKind.STUDY_TRIP_REPORT,
        country="BE",
        nb="Rapport om arbeidet mot vold mot kvinner med funksjonshemning fra studietur til "
        "Brussel 20.-21. september 2004",
    ),
}


def build(seeder, roots):
    for lang, root in roots.items():
        text = dict(INDEX[lang])
        reports = [
            seeder.report(
                key,
                lang,
                title=facts[lang],
                year=facts["year"],
                kind=facts["kind"],
                country=facts["country"],
                language="nb",
                unavailable_note=NOT_ONLINE[lang],
            )
            for key, facts in EARLIER_REPORTS.items()
        ]
        text["body"] = [report_list(text.pop("reports_heading"), reports)]
        index = seeder.page(
            "page:conferences", root, ConferenceIndexPage, show_in_menus=True, **text
        )
        for key, facts in CONFERENCES.items():
            seeder.page(f"conference:{key}", index, ConferencePage, **facts, **TEXT[lang][key])
