"""Seed content of the shared pages: the front page, networks, the report
archive and the statement pages. Texts are the seed text's own words, with
evident typos fixed.
"""

from wagtail.models import Page, Site

from .models import (
    InternationalWorkPage,
    NetworkMembership,
    NetworkPage,
    ReportIndexPage,
    ReportKind,
    SiteSettings,
    StandardPage,
)
from .seeding import heading, paragraph, report_list

NOT_ONLINE = {"nb": "Ikke tilgjengelig på nett."}

EARLIER_REPORTS = {
    "report:jamaica-2001": dict(
        year=2001,
        kind=ReportKind.FEASIBILITY_STUDY,
        country="JM",
        language="nb",
        nb="Rapport fra forundersøkelse angående opprettelse av rådgivningssenter på Jamaica "
        "i perioden 4-18 april 2001",
    ),
    "report:tribunal-feasibility": dict(
        year=None,
        kind=ReportKind.FEASIBILITY_STUDY,
        country="",
        language="en",
        nb="A Study on the Feasibility of Holding an International Tribunal on Violence "
        "Against Women",
    ),
}

LANDING = {
    "nb": dict(
        title="Internasjonalt arbeid",
        slug="internasjonalt-arbeid",
        summary=(
            "Krisesentersekretariatet ser solidaritetsarbeid som viktig for at en global "
            "kvinnebevegelse kan dra nytte av hverandre i kampen mot menns vold mot kvinner. "
            "Gjennom deltagelse i prosjekter og konferanser ser vi viktigheten av å ha en arena "
            "der kvinneorganisasjoner deler erfaring og kompetanse som hvert enkelt land har "
            "opparbeidet seg. Samtidig har vi erfart at det utvikles gode nettverk mellom "
            "kvinneorganisasjonene som ofte fortsetter i et videre samarbeid."
        ),
        body=lambda reports: [
            paragraph(
                "Krisesentersekretariatets mål i det internasjonale samarbeidet er å styrke "
                "kvinners organisering og deltagelse, og at dette skal føre til at det blir mer "
                "kunnskap, formalisering, respekt og virkeliggjøring av kvinners "
                "menneskerettigheter.",
                "Gjennom å støtte kvinneorganisasjoner slik at de kan øke sin innvirkning på "
                "holdninger, atferd, juridiske rammeverk og hjelpetiltak som har som formål å "
                "stoppe menns vold mot kvinner.",
                "Dette kan bare skje gjennom kvinners organisering og deltagelse som igjen skal "
                "styrke kvinners kontroll over økonomiske ressurser og økt innflytelse i "
                "politiske strukturer på ulike nivåer.",
            ),
            heading("Besøk fra andre land"),
            paragraph(
                "Sekretariatet har også dette året hatt mye besøk av kvinneorganisasjoner, "
                "personer som jobber innen forvaltningen og politikere fra andre land.",
                "Målet er å se hvordan vi driver krisesentrene, og organisasjonens arbeid for å "
                "bekjempe alle former for vold mot kvinner og barn.",
                "I de fleste tilfellene ønsker de også innsikt i organiseringen av bistand og "
                "trygge oppholdssteder til ofre for menneskehandel.",
                "Krisesentersekretariatet er en del av det sivile samfunn, og har dermed en "
                "viktig rolle i pådriverarbeidet overfor myndighetene og samfunnet for øvrig.",
                "Denne rollen er viktig å formidle til våre utenlandske gjester, samt vårt "
                "samarbeid med både myndighetene og andre organisasjoner.",
            ),
            heading("Tidligere internasjonalt engasjement"),
            report_list("", reports),
        ],
    ),
}

NETWORK = {
    "nb": dict(
        title="Nettverk",
        slug="nettverk",
        summary=(
            "Krisesentersekretariatet (KSS) skal jobbe for å tilegne seg kunnskap, forståelse "
            "og økt kompetanse og fremme den internasjonale solidariteten i kampen mot vold mot "
            "kvinner og vold i nære relasjoner."
        ),
        memberships=[
            dict(
                name="Krisesentre og krisesenterorganisasjoner i de nordiske land",
                region="nordic",
                description=(
                    "KSS har etter hvert også lagt vekt på samarbeid med andre land. Det "
                    "gjelder blant annet krisesenter/krisesenterorganisasjoner i de nordiske "
                    "land, hvor vi har et tett samarbeid."
                ),
            ),
            dict(
                name="Women Against Violence, Europe",
                acronym="WAVE",
                region="european",
                description="KSS er en del av det europeiske nettverket WAVE (Women Against "
                "Violence, Europe).",
            ),
            dict(
                name="Nordiske Kvinner Mot Vold",
                acronym="NKMV",
                region="nordic",
                description="KSS er en del av det nordiske krisesenternettverket Nordiske "
                "Kvinner Mot Vold (NKMV).",
            ),
            dict(
                name="Feministisk Nettverk Norden",
                acronym="FNN",
                region="nordic",
                description=(
                    "KSS er en del av Feministisk Nettverk Norden (FNN). FNN er et resultat av "
                    "den nordiske konferansen Nordisk Forum i Malmø i 2014. KSS var norsk "
                    "representant i styringsgruppen til konferansen som gjennom fire dager "
                    "samlet rundt 30 000 deltagere."
                ),
            ),
            dict(
                name="Krisesenter i Litauen",
                region="european",
                country="LT",
                status="past",
                description="KSS har vært med på å starte opp et krisesenter i Litauen med "
                "midler fra Utenriksdepartementet.",
            ),
            dict(
                name="Partnerorganisasjon i Sør-Afrika",
                region="global",
                country="ZA",
                status="past",
                description="KSS var i 15 år partnere med en organisasjon i Sør-Afrika "
                "gjennom midler fra FOKUS.",
            ),
        ],
    ),
}

REPORT_ARCHIVE = {
    "nb": dict(
        title="Rapporter",
        slug="rapporter",
        summary="Rapporter, studier og artikler fra Krisesentersekretariatets internasjonale "
        "arbeid, de nyeste først.",
    ),
}

STATEMENTS = {
    "page:stay-safe-online": {
        "nb": dict(
            title="Trygg på nett",
            slug="trygg-pa-nett",
            summary="Hvis noen kan se hva du gjør på PC-en eller mobilen, finnes det måter å "
            "skjule sporene dine på. Her er det viktigste.",
            body=[
                heading("Knappen «Forlat siden raskt»"),
                paragraph(
                    "Øverst på hver side er det en knapp som tar deg bort herfra med én gang, "
                    "til en nøytral nettside.",
                    "Du kan også trykke Shift-tasten tre ganger etter hverandre.",
                    "Knappen sletter ikke nettleserhistorikken: siden du var på, kan fortsatt "
                    "finnes i historikken.",
                ),
                heading("Bruk privat nettlesing"),
                paragraph(
                    "I et privat vindu (inkognito) lagrer ikke nettleseren historikk, "
                    "informasjonskapsler eller skjemadata etter at du har lukket vinduet.",
                    "Lukk alle private vinduer når du er ferdig.",
                ),
                heading("Slett bare enkeltsider fra historikken"),
                paragraph(
                    "Å slette hele historikken kan vekke mistanke hos den som følger med.",
                    "Slett heller bare sidene du ikke vil at andre skal se.",
                    "I de fleste nettlesere finner du historikken med Ctrl+H (Cmd+Y på Mac), "
                    "og du kan fjerne én og én side.",
                ),
                heading("Bruk en enhet den andre ikke har tilgang til"),
                paragraph(
                    "Den tryggeste måten er å bruke en PC eller mobil som den som utøver vold, "
                    "ikke kan komme til, for eksempel på biblioteket, hos en venn eller på "
                    "jobben.",
                    "En telefon eller PC kan ha overvåkingsprogrammer du ikke ser.",
                ),
                heading("Trenger du hjelp nå?"),
                paragraph(
                    "Ring 112 hvis du er i fare.",
                    "Vold- og overgrepslinjen 116 006 er gratis og åpen hele døgnet.",
                ),
            ],
        ),
    },
    "page:privacy": {
        "nb": dict(
            title="Personvern",
            slug="personvern",
            summary="Dette nettstedet er laget for at du skal kunne lese det uten å etterlate "
            "deg spor hos oss eller hos andre.",
            body=[
                heading("Ingen informasjonskapsler og ingen sporing"),
                paragraph(
                    "Nettstedet setter ingen informasjonskapsler (cookies) og lagrer ingenting "
                    "i nettleseren din når du leser det.",
                    "Vi bruker ingen analyseverktøy, annonser eller sosiale medier-knapper.",
                ),
                heading("Ingen innhold fra andre nettsteder"),
                paragraph(
                    "Alle skrifter, bilder og skript kommer fra vår egen server.",
                    "Nettleseren din kontakter derfor ingen andre nettsteder når du leser "
                    "sidene våre.",
                    "Når du følger en lenke til et annet nettsted, forteller ikke nettleseren "
                    "det nettstedet hvor du kom fra.",
                ),
                heading("Hva vi lagrer"),
                paragraph(
                    "Vi lagrer ikke IP-adressen din eller hva du søker etter i loggene våre.",
                    "Bare ansatte i sekretariatet som redigerer nettstedet, har en brukerkonto.",
                ),
                heading("Spørsmål"),
                paragraph(
                    "Krisesentersekretariatet er ansvarlig for nettstedet.",
                    "Har du spørsmål om personvern, kan du kontakte oss.",
                ),
            ],
        ),
    },
    "page:accessibility": {
        "nb": dict(
            title="Tilgjengelighet",
            slug="tilgjengelighet",
            summary="Vi vil at alle skal kunne bruke nettstedet, uansett hvordan de leser.",
            body=[
                heading("Standarden vi følger"),
                paragraph(
                    "Nettstedet skal oppfylle kravene i WCAG 2.1 på nivå AA.",
                ),
                heading("Slik tester vi"),
                paragraph(
                    "Hver side testes automatisk i en ekte nettleser, på mobil- og "
                    "skjermbredde, og koden kontrolleres mot HTML-standarden.",
                    "Vi tester også at alt kan brukes med tastatur.",
                ),
                heading("Kjente mangler"),
                paragraph(
                    "Eldre rapporter i PDF kan mangle overskrifter og alternativ tekst.",
                ),
                heading("Meld fra om et problem"),
                paragraph(
                    "Finner du noe som ikke fungerer for deg, vil vi gjerne høre om det.",
                    "Kontakt Krisesentersekretariatet.",
                ),
            ],
        ),
    },
}


def build_roots(seeder):
    """The front page in each language, with its earlier-engagement reports."""
    roots = {}
    for lang, text in LANDING.items():
        reports = [
            seeder.report(
                key,
                lang,
                title=facts[lang],
                year=facts["year"],
                kind=facts["kind"],
                country=facts["country"],
                language=facts["language"],
                unavailable_note=NOT_ONLINE[lang],
            )
            for key, facts in EARLIER_REPORTS.items()
        ]
        fields = {**text, "body": text["body"](reports)}
        roots[lang] = seeder.root_page("page:landing", InternationalWorkPage, lang, **fields)
    return roots


def build_network(seeder, roots):
    for lang, root in roots.items():
        text = dict(NETWORK[lang])
        memberships = [NetworkMembership(**m) for m in text.pop("memberships")]
        seeder.page(
            "page:network", root, NetworkPage, show_in_menus=True, memberships=memberships, **text
        )


def build_archive_and_statements(seeder, roots):
    for lang, root in roots.items():
        seeder.page(
            "page:reports", root, ReportIndexPage, show_in_menus=True, **REPORT_ARCHIVE[lang]
        )
        for key, texts in STATEMENTS.items():
            seeder.page(key, root, StandardPage, **texts[lang])


def configure_site(seeder, roots):
    """Point the default site at the Norwegian front page; drop Wagtail's welcome page."""
    root = roots["nb"]
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=root, is_default_site=True
        )
    elif site.root_page_id != root.pk and not isinstance(
        site.root_page.specific, InternationalWorkPage
    ):
        welcome = site.root_page
        site.root_page = root
        site.site_name = "Krisesentersekretariatet"
        site.save()
        if type(welcome.specific) is Page and welcome.is_leaf():
            welcome.delete()

    settings = SiteSettings.for_site(site)
    changed = False
    for field, name in [
        ("safety_page", "page:stay-safe-online"),
        ("privacy_page", "page:privacy"),
        ("accessibility_page", "page:accessibility"),
    ]:
        if getattr(settings, f"{field}_id") is None:
            setattr(settings, field, seeder.find_page(name, root.locale))
            changed = True
    if changed:
        settings.save()
