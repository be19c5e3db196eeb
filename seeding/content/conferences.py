"""Seed content of the conference section: three conferences and the reports
from earlier conferences, seminars and meetings."""

from conferences.models import ConferenceIndexPage, ConferencePage
from reports.models import ReportKind
from seeding.seeder import SOURCE_PERIOD, paragraph, report_list

Role = ConferencePage.Role

INDEX = {
    "nb": dict(
        title="Konferanser",
        slug="konferanser",
        # A short lead over the list; the rest of the opening text follows it.
        summary=(
            "Krisesentersekretariatet (KSS) anser internasjonalt samarbeid som svært viktig. "
            "Nedenfor finnes en oversikt over regionale og internasjonale konferanser vi "
            "tidligere har arrangert eller arbeider med å arrangere i samarbeid med andre."
        ),
        intro=(
            "KSS deltar også på internasjonale konferanser der vi deler erfaring og kompetanse "
            "hvert enkelt land har opparbeidet seg.",
            "Det er samtidig viktig å samarbeide med andre land i arbeidet for å bekjempe vold "
            "mot kvinner og vold i nære relasjoner i hele verden.",
        ),
        reports_heading="Les mer om tidligere internasjonale konferanser, seminarer og møter",
    ),
    "en": dict(
        title="Conferences",
        slug="conferences",
        summary=(
            "Krisesentersekretariatet (KSS) considers international cooperation very "
            "important. Below is an overview of regional and international conferences that we "
            "have organised, or are working to organise, together with others."
        ),
        intro=(
            "KSS also takes part in international conferences where we share the experience "
            "and expertise each country has built up.",
            "At the same time it is important to work with other countries to combat violence "
            "against women and domestic violence all over the world.",
        ),
        reports_heading="Read more about earlier international conferences, seminars and meetings",
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
    "en": {
        "nordic-forum-2014": dict(
            title="Nordic Forum 2014",
            slug="nordic-forum-2014",
            city="Malmö",
            summary=(
                "The Nordic conference Nordic Forum (Nordisk Forum), held in Malmö in 2014, "
                "gathered around 30,000 participants over four days. KSS was the Norwegian "
                "representative in the conference’s steering group."
            ),
            body=[
                paragraph(
                    "The Nordic Feminist Network (Feministisk Nettverk Norden, FNN) grew out of "
                    "Nordic Forum in Malmö in 2014, and KSS is part of the network.",
                ),
            ],
        ),
        "nordic-women-against-violence-2015": dict(
            title="Nordic Women Against Violence 2015",
            slug="nordic-women-against-violence-2015",
            summary=(
                "A regional conference that KSS has organised, or is working to organise, "
                "together with others."
            ),
        ),
        "world-conference-of-womens-shelters": dict(
            title="World Conference of Women’s Shelters",
            slug="world-conference-of-womens-shelters",
            summary=(
                "An international conference that KSS has organised, or is working to "
                "organise, together with others."
            ),
        ),
    },
}

EARLIER_REPORTS = {
    "report:pakistan-2005": dict(
        title="Rapport fra Regional konferanse om vold mot kvinner i Pakistan 05",
        year=2005,
        kind=ReportKind.CONFERENCE_REPORT,
        country="PK",
        summary={
            "en": "Report from a regional conference on violence against women in Pakistan, 2005."
        },
    ),
    "report:brussels-seminar-2002": dict(
        title="Rapport fra samarbeidsseminar i Brussel om vold mot kvinner med "
        "funksjonshemning – sept. 02",
        year=2002,
        kind=ReportKind.SEMINAR_REPORT,
        # EU-level seminars held in Brussels: about Europe, not about Belgium.
        summary={
            "en": "Report from a cooperation seminar in Brussels on violence against women with "
            "disabilities, September 2002."
        },
    ),
    "report:woman-incorporated-2002": dict(
        title="Woman Incorporated & Krisesentersekretariatet – 6.mnd rapport – oktober 01-mars 02",
        year=2002,
        kind=ReportKind.PROGRESS_REPORT,
        summary={"en": "Woman Incorporated and KSS: six-month report, October 2001 to March 2002."},
    ),
    "report:brussels-study-trip-2004": dict(
        title="Rapport om arbeidet mot vold mot kvinner med funksjonshemning fra studietur til "
        "Brussel 20.-21. september 2004",
        year=2004,
        kind=ReportKind.STUDY_TRIP_REPORT,
        summary={
            "en": "Report on the work against violence against women with disabilities, from a "
            "study trip to Brussels, 20–21 September 2004."
        },
    ),
}


def build(seeder, roots):
    for lang, root in roots.items():
        text = dict(INDEX[lang])
        reports = seeder.reports(lang, EARLIER_REPORTS)
        text["body"] = [
            paragraph(*text.pop("intro")),
            report_list(text.pop("reports_heading"), reports),
        ]
        index = seeder.page(
            "page:conferences",
            root,
            ConferenceIndexPage,
            show_in_menus=True,
            **SOURCE_PERIOD,
            **text,
        )
        for key, facts in CONFERENCES.items():
            seeder.page(
                f"conference:{key}",
                index,
                ConferencePage,
                **SOURCE_PERIOD,
                **facts,
                **TEXT[lang][key],
            )
