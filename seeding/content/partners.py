"""Seed content of the partner section: the three partners and their reports."""

from partners.models import PartnerIndexPage, PartnerPage
from reports.models import ReportKind
from seeding.seeder import SOURCE_PERIOD, paragraph

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
    "en": dict(
        title="Partners",
        slug="partners",
        summary=(
            "For many years Krisesentersekretariatet (KSS) has cooperated with partner "
            "organisations all over the world. Here you will find more about KSS’s most "
            "important international partnerships."
        ),
    ),
}

# Facts that are the same in every language.
PARTNERS = {
    "south-africa": dict(
        country="ZA",
        organisation_name="Masimanyane Women’s Support Centre",
        contact_person="Lesley Ann Foster",
    ),
    "cyprus": dict(
        country="CY",
        organisation_name="Association for the Prevention and Handling of Violence in the Family",
        acronym="SPAVO",
    ),
    "estonia": dict(
        country="EE",
        organisation_name="Estonian Women’s Shelters Union",
        acronym="EWSU",
    ),
}

TEXT = {
    "nb": {
        "south-africa": dict(
            title="Sør-Afrika",
            slug="sor-afrika",
            funding_source="FOKUS",
            contact_role="leder ved Masimanyane",
            summary=(
                "Masimanyane Women’s Support Centre i Sør-Afrika har vært "
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
                    "Til stede var Norges likestillingsminister og den norske ambassadøren til FN.",
                    "Fosters fokus var viktigheten av arbeidet for likestilling og å styrke "
                    "kvinners stilling, spesielt i utviklingsland.",
                ),
            ],
        ),
        "cyprus": dict(
            title="Kypros",
            slug="kypros",
            funding_source="EØS-midlene",
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
            funding_source="EØS-midlene",
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
    "en": {
        "south-africa": dict(
            title="South Africa",
            slug="south-africa",
            funding_source="FOKUS (Forum for Women and Development)",
            contact_role="leader of Masimanyane",
            summary=(
                "Masimanyane Women’s Support Centre in South Africa has been the partner "
                "organisation of Krisesentersekretariatet (KSS) for 16 years. This is the last "
                "year we receive funds through FOKUS to support Masimanyane."
            ),
            body=[
                paragraph(
                    "During the year the cooperation has consisted of exchanging information "
                    "between the organisations.",
                    "Through FOKUS, the organisation received travel support to take part in "
                    "the UN Commission on the Status of Women (CSW) in New York.",
                    "There we discussed further cooperation.",
                ),
                paragraph(
                    "Lesley Ann Foster, the leader of Masimanyane, gave a talk at a joint "
                    "breakfast for the Norwegian participants from civil society and the "
                    "project partners from the South.",
                    "Norway’s Minister of Equality and the Norwegian Ambassador to the UN were "
                    "present.",
                    "Foster’s focus was the importance of the work for equality and for "
                    "strengthening the position of women, especially in developing countries.",
                ),
            ],
        ),
        "cyprus": dict(
            title="Cyprus",
            slug="cyprus",
            funding_source="EEA Grants (EØS-midlene)",
            summary=(
                "Krisesentersekretariatet (KSS) is the Norwegian partner, and will cooperate "
                "on setting up a shelter for women and children in Cyprus."
            ),
            body=[
                paragraph(
                    "The EEA Grants (EØS-midlene) are Norway’s contribution to reducing social "
                    "and economic disparities in 14 countries in Europe.",
                    "The support is also meant to strengthen cooperation between Norway and "
                    "the beneficiary countries.",
                    "27 programmes have been set up through the EEA Grants, and combating "
                    "domestic violence is one of them.",
                    "20 million euros have been set aside for this work.",
                ),
                paragraph(
                    "Our partner is the Association for the Prevention and Handling of "
                    "Violence in the Family (SPAVO).",
                    "During the year the organisations have held several meetings in Cyprus.",
                    "We have a good relationship with the organisation, even though we meet "
                    "some challenges in working across cultures.",
                    "The overall goal is to build good shelter services and to exchange "
                    "experience in preventing violence against women and domestic violence.",
                    "The project will provide information on rights, to raise awareness of the "
                    "issue and of where to seek help.",
                    "One challenge is that the shelter services and the information must also "
                    "reach people exposed to violence in Northern Cyprus, who are to be "
                    "included in this work.",
                ),
                paragraph(
                    "SPAVO is very interested in how we work with children in the shelters in "
                    "Norway, and a study visit to Norway and a conference in Cyprus will take "
                    "place during 2014.",
                ),
                paragraph(
                    "In the autumn of 2013 the board of KSS visited SPAVO.",
                    "The aim of the meeting was for the board and the management of SPAVO to "
                    "get to know each other’s organisations and work better.",
                    "During the visit, experience and knowledge were exchanged, especially about "
                    "the different laws in Norway and Cyprus concerning people exposed to "
                    "violence.",
                    "Since the meeting, KSS has sent a great deal of information that could "
                    "help improve the laws and the legal rights of people exposed to violence.",
                    "Shelters are meant to be easy to reach, but in Cyprus a woman and her "
                    "children need, among other things, a report from the police before the "
                    "shelter can help them.",
                    "This is not the case in Norway.",
                    "That impressed SPAVO’s management.",
                ),
            ],
        ),
        "estonia": dict(
            title="Estonia",
            slug="estonia",
            funding_source="EEA Grants (EØS-midlene)",
            summary=(
                "For several years Krisesentersekretariatet (KSS) has worked closely "
                "with the umbrella organisation The Estonian Women’s Shelters Union (EWSU)."
            ),
            body=[
                paragraph(
                    "Estonia is one of the 14 countries that have received financial support "
                    "through the EEA Grants, which are Norway’s contribution to reducing social "
                    "and economic disparities and aim to strengthen civil society.",
                    "In April a conference was held in Tallinn between the organisations in "
                    "Estonia and agencies and organisations from Norway.",
                    "The aim was to look at the possibilities for cooperation, especially under "
                    "the programme “Domestic violence and measures for victims of human "
                    "trafficking”.",
                    "Both KSS, represented by Tove Smaadahl, and ROSA, represented by Mildrid "
                    "Mikkelsen, took part and spoke about the experience of the shelters’ work "
                    "in Norway.",
                ),
                paragraph(
                    "We have therefore made an agreement to cooperate on strengthening the "
                    "skills of staff at the shelters and in the support services, and on "
                    "developing more services for people exposed to violence.",
                    "A seminar will be held in Tallinn, and several shelter staff will go on a "
                    "study trip to Norway and spend time working at some of the shelters.",
                ),
            ],
        ),
    },
}

REPORTS = {
    "south-africa": {
        "report:za-2010": dict(
            title="Masimanyane Women’s Support Centre i Sør Afrika, rapport 2010",
            year=2010,
            kind=ReportKind.REPORT,
            summary={"en": "Masimanyane Women’s Support Centre in South Africa: report 2010."},
        ),
        "report:za-2003": dict(
            title="Masimanyane Women’s Support Centre i Sør Afrika, rapport 2003",
            year=2003,
            kind=ReportKind.REPORT,
            summary={"en": "Masimanyane Women’s Support Centre in South Africa: report 2003."},
        ),
        "report:za-annual-2003": dict(
            title="Masimanyane Women’s Support Centre i Sør Afrika, årsrapport 2003",
            year=2003,
            kind=ReportKind.ANNUAL_REPORT,
            summary={
                "en": "Masimanyane Women’s Support Centre in South Africa: annual report 2003."
            },
        ),
        "report:za-annual-2002": dict(
            title="Masimanyane Women’s Support Centre i Sør Afrika, årsrapport 2002",
            year=2002,
            kind=ReportKind.ANNUAL_REPORT,
            summary={
                "en": "Masimanyane Women’s Support Centre in South Africa: annual report 2002."
            },
        ),
        "report:za-friends": dict(
            title="Informasjon om våre venner på Masimanyane Women’s Support Centre i Sør Afrika",
            kind=ReportKind.ARTICLE,
            summary={
                "en": "Information about our friends at Masimanyane Women’s Support Centre in "
                "South Africa."
            },
        ),
        "report:za-csw": dict(
            title="Krisesentersekretariatets Sør Afrikanske partnerorganisasjon kom med viktige "
            "innspill til den norske delegasjonen under FNs kvinnekommisjonsmøte (CSW) i "
            "New York",
            kind=ReportKind.ARTICLE,
            summary={
                "en": "KSS’s South African partner organisation made important contributions to "
                "the Norwegian delegation at the meeting of the UN Commission on the Status of "
                "Women (CSW) in New York."
            },
        ),
    },
    "cyprus": {
        "report:cy-agreement": dict(
            title="Krisesentersekretariatet har inngått samarbeid om opprettelse av krisesenter "
            "på Kypros",
            kind=ReportKind.ARTICLE,
            summary={"en": "KSS has agreed to cooperate on setting up a shelter in Cyprus."},
        ),
    },
    "estonia": {},
}


def build(seeder, roots):
    for lang, root in roots.items():
        index = seeder.page(
            "page:partners",
            root,
            PartnerIndexPage,
            show_in_menus=True,
            **SOURCE_PERIOD,
            **INDEX[lang],
        )
        for key, facts in PARTNERS.items():
            partner = seeder.page(
                f"partner:{key}", index, PartnerPage, **SOURCE_PERIOD, **facts, **TEXT[lang][key]
            )
            seeder.reports(lang, REPORTS[key], country=facts["country"], related_page=partner)
