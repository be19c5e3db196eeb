"""Seed content of the partner section: the three partners and their reports."""

from pages.models import ReportKind
from pages.seed import NOT_ONLINE
from pages.seeding import paragraph

from .models import PartnerIndexPage, PartnerPage

INDEX = {
    "nb": dict(
        title="Partnere",
        slug="partnere",
        summary=(
            "Krisesentersekretariatet (KSS) har i mange år samarbeidet med "
            "partnerorganisasjoner over hele verden. Her finnes mer informasjon om KSS sine "
            "viktigste internasjonale partnersamarbeid."
        ),
    ),
}

# Facts that are the same in every language.
PARTNERS = {
    "south-africa": dict(
        country="ZA",
        organisation_name="Masimanyane Women’s Support Centre",
        funding_source="FOKUS",
        contact_person="Lesley Ann Foster",
    ),
    "cyprus": dict(
        country="CY",
        organisation_name="Association for the Prevention and Handling of Violence in the Family",
        acronym="SPAVO",
        funding_source="EØS-midlene",
    ),
    "estonia": dict(
        country="EE",
        organisation_name="Estonian Women’s Shelters Union",
        acronym="EWSU",
        funding_source="EØS-midlene",
    ),
}

TEXT = {
    "nb": {
        "south-africa": dict(
            title="Sør-Afrika",
            slug="sor-afrika",
            contact_role="Leder ved Masimanyane",
            summary=(
                "Masimanyane Women’s Support Centre i Sør Afrika har vært "
                "Krisesentersekretariatets partnerorganisasjon i 16 år. I år er siste året vi "
                "får økonomiske midler gjennom FOKUS til å støtte Masimanyane."
            ),
            body=[
                paragraph(
                    "I løpet av året har samarbeidet bestått i informasjonsutveksling mellom "
                    "organisasjonene.",
                    "Organisasjonen fikk reisestøtte gjennom FOKUS til deltagelse under CSW i "
                    "New York.",
                    "Her diskuterte vi videre samarbeid.",
                ),
                paragraph(
                    "Lesley Ann Foster, lederen ved Masimanyane, holdt et innlegg under en "
                    "felles frokost for de norske deltagerne fra sivilt samfunn og "
                    "prosjektpartnerne fra sør.",
                    "Tilstede var Norges likestillingsminister og den norske ambassadøren til FN.",
                    "Fosters fokus var viktigheten av arbeidet for likestilling og styrke "
                    "kvinners stilling, spesielt i utviklingsland.",
                ),
            ],
        ),
        "cyprus": dict(
            title="Kypros",
            slug="kypros",
            summary=(
                "Krisesentersekretariatet er norsk partner, og skal samarbeide om opprettelse "
                "av et krisesenter for kvinner og barn på Kypros."
            ),
            body=[
                paragraph(
                    "EØS-midlene er Norges bidrag til å redusere sosiale og økonomiske "
                    "ulikheter i 14 land i Europa.",
                    "Støtten skal også styrke samarbeidet mellom Norge og mottakerlandene.",
                    "Gjennom EØS-midlene er det opprettet 27 programmer, og bekjempelse av vold "
                    "i nære relasjoner er ett av disse.",
                    "20 millioner euro er satt av til dette arbeidet.",
                ),
                paragraph(
                    "Vår samarbeidspartner er Association for the Prevention and Handling of "
                    "Violence in the Family (SPAVO).",
                    "I løpet av året er det blitt gjennomført flere møter på Kypros mellom "
                    "organisasjonene.",
                    "Vi har et godt forhold til organisasjonen til tross for at vi møter en del "
                    "utfordringer i det å jobbe på tvers av kulturer.",
                    "Det overordnede målet er å bygge et godt krisesentertilbud samt å utveksle "
                    "erfaringer i arbeidet med å forebygge vold mot kvinner og vold i nære "
                    "relasjoner.",
                    "Prosjektet skal jobbe med rettighetsinformasjon for å øke bevisstheten om "
                    "tematikken, samt hvor en kan søke hjelp.",
                    "En utfordring er at krisesentertilbudet og informasjonen skal nå ut til "
                    "voldsutsatte på Nord-Kypros, som skal inkluderes i dette arbeidet.",
                ),
                paragraph(
                    "SPAVO er svært interessert i hvordan vi jobber med barn på krisesentrene i "
                    "Norge, og det skal gjennomføres et studiebesøk i Norge og en konferanse på "
                    "Kypros i løpet av 2014.",
                ),
                paragraph(
                    "Høsten 2013 besøkte styret ved Krisesentersekretariatet SPAVO.",
                    "Målet med møtet var at styret og ledelsen i SPAVO skulle bli bedre kjent "
                    "med hverandres organisasjoner og arbeid.",
                    "Under besøket ble det utvekslet erfaring og kunnskap spesielt knyttet til "
                    "ulikt lovverk i Norge og Kypros i forbindelse med voldsutsatte.",
                    "I etterkant av møtet har Krisesentersekretariatet sendt mye informasjon som "
                    "kunne være relevant i forhold til å bedre lovverk og juridiske rettigheter "
                    "for voldsutsatte.",
                    "Krisesentrene skal være et lavterskeltilbud, men for at kvinner og deres "
                    "barn skal få hjelp på krisesenteret i Kypros må det blant annet foreligge "
                    "dokumentasjon fra politiet.",
                    "Dette er ikke tilfellet i Norge.",
                    "Dette imponerte ledelsen i SPAVO.",
                ),
            ],
        ),
        "estonia": dict(
            title="Estland",
            slug="estland",
            summary=(
                "Krisesentersekretariatet har i flere år hatt et godt samarbeid med "
                "paraplyorganisasjonen The Estonian Women’s Shelters Union (EWSU)."
            ),
            body=[
                paragraph(
                    "Estland er et av de 14 landene som har fått økonomisk støtte gjennom "
                    "EØS-midlene, som er Norges bidrag for å redusere sosiale og økonomiske "
                    "ulikheter og har som mål å styrke det sivile samfunn.",
                    "I april ble det gjennomført en konferanse mellom organisasjonene i Estland "
                    "og etater og organisasjoner fra Norge i Tallinn.",
                    "Målet var å se på muligheten for samarbeid, da særlig under programmet "
                    "«Vold i nære relasjoner og tiltak for ofre for menneskehandel».",
                    "Både Krisesentersekretariatet ved Tove Smaadahl og ROSA ved Mildrid "
                    "Mikkelsen deltok og holdt innlegg om erfaringer fra krisesentrenes arbeid i "
                    "Norge.",
                ),
                paragraph(
                    "Vi har derfor inngått en avtale om å samarbeide om å styrke kompetansen for "
                    "ansatte ved krisesentrene og hjelpeapparatet, samt utvikle flere tjenester "
                    "for voldsutsatte.",
                    "Det skal gjennomføres seminar i Tallinn og flere ansatte ved krisesentrene "
                    "skal på studietur til Norge og hospitere ved noen av krisesentrene.",
                ),
            ],
        ),
    },
}

REPORTS = {
    "south-africa": {
        "report:za-2010": dict(
            year=2010,
            kind=ReportKind.REPORT,
            nb="Masimanyane Women’s Support Centre i Sør Afrika, rapport 2010",
        ),
        "report:za-2003": dict(
            year=2003,
            kind=ReportKind.REPORT,
            nb="Masimanyane Women’s Support Centre i Sør Afrika, rapport 2003",
        ),
        "report:za-annual-2003": dict(
            year=2003,
            kind=ReportKind.ANNUAL_REPORT,
            nb="Masimanyane Women’s Support Centre i Sør Afrika, årsrapport 2003",
        ),
        "report:za-annual-2002": dict(
            year=2002,
            kind=ReportKind.ANNUAL_REPORT,
            nb="Masimanyane Women’s Support Centre i Sør Afrika, årsrapport 2002",
        ),
        "report:za-friends": dict(
            year=None,
            kind=ReportKind.ARTICLE,
            nb="Informasjon om våre venner på Masimanyane Women’s Support Centre i Sør Afrika",
        ),
        "report:za-csw": dict(
            year=None,
            kind=ReportKind.ARTICLE,
            nb="Krisesentersekretariatets Sør Afrikanske partnerorganisasjon kom med viktige "
            "innspill til den norske delegasjonen under FNs kvinnekommisjonsmøte (CSW) i "
            "New York",
        ),
    },
    "cyprus": {
        "report:cy-agreement": dict(
            year=None,
            kind=ReportKind.ARTICLE,
            nb="Krisesentersekretariatet har inngått samarbeid om opprettelse av krisesenter "
            "på Kypros",
        ),
    },
    "estonia": {},
}


def build(seeder, roots):
    for lang, root in roots.items():
        index = seeder.page(
            "page:partners", root, PartnerIndexPage, show_in_menus=True, **INDEX[lang]
        )
        for key, facts in PARTNERS.items():
            partner = seeder.page(f"partner:{key}", index, PartnerPage, **facts, **TEXT[lang][key])
            for report_key, report in REPORTS[key].items():
                seeder.report(
                    report_key,
                    lang,
                    title=report[lang],
                    year=report["year"],
                    kind=report["kind"],
                    country=facts["country"],
                    language="nb",
                    related_page=partner,
                    unavailable_note=NOT_ONLINE[lang],
                )
