"""Seed content of the shared pages: the front page, networks, the report
archive and the statement pages, in Norwegian and English.

The Norwegian texts are the seed text's own words, with evident typos fixed;
the English texts are translations of them.
"""

from wagtail.models import Page, Site

from pages.models import (
    InternationalWorkPage,
    NetworkMembership,
    NetworkPage,
    SiteSettings,
    StandardPage,
)
from reports.models import ReportIndexPage, ReportKind
from seeding.seeder import SOURCE_PERIOD, heading, paragraph, report_list

LANGUAGES = ("nb", "en")
# The contact details at the foot of every page (templates/base.html).
CONTACT = "#kontakt"

EARLIER_REPORTS = {
    "report:jamaica-2001": dict(
        title="Rapport fra forundersøkelse angående opprettelse av rådgivningssenter på "
        "Jamaica i perioden 4-18 april 2001",
        year=2001,
        kind=ReportKind.FEASIBILITY_STUDY,
        country="JM",
        summary={
            "en": "Report from a feasibility study on setting up a counselling centre in "
            "Jamaica, 4–18 April 2001."
        },
    ),
    "report:tribunal-feasibility": dict(
        title="A Study on the Feasibility of Holding an International Tribunal on Violence "
        "Against Women",
        kind=ReportKind.FEASIBILITY_STUDY,
        language="en",
    ),
}

LANDING = {
    "nb": dict(
        title="Internasjonalt arbeid",
        slug="internasjonalt-arbeid",
        # The lead is one sentence; the rest of the opening is the body's first paragraph.
        summary=(
            "Krisesentersekretariatet ser solidaritetsarbeid som viktig for at en global "
            "kvinnebevegelse kan dra nytte av hverandre i kampen mot menns vold mot kvinner."
        ),
        body=lambda reports: [
            paragraph(
                "Gjennom deltagelse i prosjekter og konferanser ser vi viktigheten av å ha en "
                "arena der kvinneorganisasjoner deler erfaring og kompetanse som hvert enkelt "
                "land har opparbeidet seg.",
                "Samtidig har vi erfart at det utvikles gode nettverk mellom "
                "kvinneorganisasjonene som ofte fortsetter i et videre samarbeid.",
            ),
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
    "en": dict(
        title="International work",
        slug="international-work",
        summary=(
            "Krisesentersekretariatet (KSS), the secretariat of the Norwegian women’s "
            "shelters, sees solidarity work as important, so that a global women’s movement "
            "can learn from one another in the fight against men’s violence against women."
        ),
        body=lambda reports: [
            paragraph(
                "Through taking part in projects and conferences we see how important it is to "
                "have an arena where women’s organisations share the experience and expertise "
                "each country has built up.",
                "We have also found that good networks grow between women’s organisations, and "
                "that they often lead to further cooperation.",
            ),
            paragraph(
                "The aim of KSS’s international cooperation is to strengthen women’s "
                "organisation and participation, and that this should lead to more knowledge, "
                "formalisation, respect and realisation of women’s human rights.",
                "This is done by supporting women’s organisations so that they can increase "
                "their influence on attitudes, behaviour, legal frameworks and services that aim "
                "to stop men’s violence against women.",
                "This can only happen through women’s organisation and participation, which in "
                "turn will strengthen women’s control over economic resources and increase "
                "their influence in political structures at different levels.",
            ),
            heading("Visits from other countries"),
            paragraph(
                "This year, too, the secretariat has had many visits from women’s "
                "organisations, people working in public administration and politicians from "
                "other countries.",
                "They come to see how we run the shelters, and how the organisation works to "
                "combat all forms of violence against women and children.",
                "In most cases they also want insight into how assistance and safe places to "
                "stay are organised for victims of human trafficking.",
                "KSS is part of civil society, and therefore has an important role in pressing "
                "the authorities and society at large for change.",
                "It is important to convey this role to our foreign guests, as well as our "
                "cooperation with both the authorities and other organisations.",
            ),
            heading("Earlier international engagement"),
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
                page="conference:nordic-women-against-violence-2015",
                description="KSS er en del av det nordiske krisesenternettverket Nordiske "
                "Kvinner Mot Vold (NKMV).",
            ),
            dict(
                name="Feministisk Nettverk Norden",
                acronym="FNN",
                region="nordic",
                page="conference:nordic-forum-2014",
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
                page="partner:south-africa",
                description="KSS var i 15 år partnere med en organisasjon i Sør-Afrika "
                "gjennom midler fra FOKUS.",
            ),
        ],
    ),
    "en": dict(
        title="Networks",
        slug="network",
        summary=(
            "Krisesentersekretariatet (KSS) works to gain knowledge, understanding and greater "
            "expertise, and to promote international solidarity in the fight against violence "
            "against women and domestic violence."
        ),
        memberships=[
            dict(
                name="Shelters and shelter organisations in the Nordic countries",
                region="nordic",
                description=(
                    "Over time KSS has also given more weight to working with other countries. "
                    "This includes shelters and shelter organisations in the Nordic countries, "
                    "with which we cooperate closely."
                ),
            ),
            dict(
                name="Women Against Violence, Europe",
                acronym="WAVE",
                region="european",
                description="KSS is part of the European network WAVE (Women Against "
                "Violence, Europe).",
            ),
            dict(
                name="Nordic Women Against Violence",
                acronym="NKMV",
                region="nordic",
                page="conference:nordic-women-against-violence-2015",
                description="KSS is part of the Nordic shelter network Nordic Women Against "
                "Violence (Nordiske Kvinner Mot Vold, NKMV).",
            ),
            dict(
                name="Nordic Feminist Network",
                acronym="FNN",
                region="nordic",
                page="conference:nordic-forum-2014",
                description=(
                    "KSS is part of the Nordic Feminist Network (Feministisk Nettverk Norden, "
                    "FNN). FNN grew out of the Nordic conference Nordic Forum (Nordisk Forum) "
                    "in Malmö in 2014. KSS was the Norwegian representative in the "
                    "conference’s steering group; over four days the conference gathered "
                    "around 30,000 participants."
                ),
            ),
            dict(
                name="A shelter in Lithuania",
                region="european",
                country="LT",
                status="past",
                description="KSS helped to start a shelter in Lithuania with funds from the "
                "Norwegian Ministry of Foreign Affairs (Utenriksdepartementet).",
            ),
            dict(
                name="A partner organisation in South Africa",
                region="global",
                country="ZA",
                status="past",
                page="partner:south-africa",
                description="For 15 years KSS was a partner of an organisation in South "
                "Africa, with funds from FOKUS (Forum for Women and Development).",
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
    "en": dict(
        title="Reports",
        slug="reports",
        summary="Reports, studies and articles from the international work of "
        "Krisesentersekretariatet (KSS), newest first. Most are in Norwegian.",
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
        "en": dict(
            title="Stay safe online",
            slug="stay-safe-online",
            summary="If someone can see what you do on your computer or phone, there are ways "
            "to cover your tracks. Here is what matters most.",
            body=[
                heading("The “Exit this page” button"),
                paragraph(
                    "At the top of every page there is a button that takes you away from here "
                    "at once, to a neutral website.",
                    "You can also press the Shift key three times in a row.",
                    "The button does not delete your browser history: the page you were on may "
                    "still be in the history.",
                ),
                heading("Use private browsing"),
                paragraph(
                    "In a private (incognito) window the browser does not keep history, "
                    "cookies or form data after you close the window.",
                    "Close all private windows when you are done.",
                ),
                heading("Delete single pages from the history"),
                paragraph(
                    "Deleting the whole history can make the person watching suspicious.",
                    "Delete only the pages you do not want others to see instead.",
                    "In most browsers Ctrl+H (Cmd+Y on a Mac) opens the history, where you can "
                    "remove pages one by one.",
                ),
                heading("Use a device the other person cannot reach"),
                paragraph(
                    "The safest way is to use a computer or phone that the person who is "
                    "violent cannot get at, for example at a library, a friend’s home or at "
                    "work.",
                    "A phone or computer can have monitoring software on it that you cannot see.",
                ),
                heading("Need help now?"),
                paragraph(
                    "Call 112 if you are in danger.",
                    "In Norway, the help line for violence and abuse (Vold- og "
                    "overgrepslinjen), 116 006, is free and open day and night.",
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
                heading("Intet innhold fra andre nettsteder"),
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
                    "Bare ansatte i sekretariatet som redigerer nettstedet, og lesere som har "
                    "fått tilgang til sider for innloggede, har en brukerkonto.",
                ),
                heading("Når du logger inn"),
                paragraph(
                    "Først når du logger inn, lagres to informasjonskapsler: én som holder deg "
                    "innlogget og én som beskytter skjemaene.",
                    "Begge slettes når du lukker nettleseren, og innloggingen varer høyst 12 "
                    "timer.",
                    "Skriver noen feil passord, lagrer vi brukernavnet og IP-adressen en kort "
                    "tid for å stoppe gjetting av passord.",
                ),
                heading("Spørsmål"),
                paragraph(
                    "Krisesentersekretariatet er ansvarlig for nettstedet.",
                    "Har du spørsmål om personvern, kan du kontakte oss.",
                    links={"kontakte oss": CONTACT},
                ),
            ],
        ),
        "en": dict(
            title="Privacy",
            slug="privacy",
            summary="This website is made so that you can read it without leaving traces, "
            "with us or with anyone else.",
            body=[
                heading("No cookies and no tracking"),
                paragraph(
                    "The website sets no cookies and stores nothing in your browser while you "
                    "read it.",
                    "We use no analytics, advertising or social media buttons.",
                ),
                heading("No content from other websites"),
                paragraph(
                    "All fonts, images and scripts come from our own server.",
                    "Your browser therefore contacts no other website while you read our pages.",
                    "When you follow a link to another website, your browser does not tell that "
                    "website where you came from.",
                ),
                heading("What we store"),
                paragraph(
                    "We do not store your IP address or what you search for in our logs.",
                    "Only the secretariat’s staff who edit the website, and readers who have "
                    "been given access to pages for logged-in readers, have a user account.",
                ),
                heading("When you log in"),
                paragraph(
                    "Only when you log in are two cookies stored: one that keeps you logged in "
                    "and one that protects the forms.",
                    "Both are deleted when you close your browser, and a login lasts 12 hours at "
                    "most.",
                    "When a wrong password is entered, we keep the user name and IP address for "
                    "a short while to stop passwords being guessed.",
                ),
                heading("Questions"),
                paragraph(
                    "Krisesentersekretariatet is responsible for this website.",
                    "If you have questions about privacy, please contact us.",
                    links={"contact us": CONTACT},
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
                paragraph("Nettstedet skal oppfylle kravene i WCAG 2.1 på nivå AA."),
                heading("Slik tester vi"),
                paragraph(
                    "Hver side på begge språk testes automatisk med axe-core i en ekte "
                    "nettleser, på mobil- og skjermbredde, og koden kontrolleres med Nu Html "
                    "Checker mot HTML-standarden.",
                    "Vi tester at alt kan brukes med tastatur, at fokus alltid er synlig, og at "
                    "teksten kan forstørres til 200 prosent uten at noe forsvinner.",
                    "Vi måler også sidene med Lighthouse.",
                ),
                heading("Kjente mangler"),
                paragraph(
                    "Eldre rapporter i PDF kan mangle overskrifter og alternativ tekst.",
                    "De fleste rapportene finnes bare på norsk.",
                ),
                heading("Meld fra om et problem"),
                paragraph(
                    "Finner du noe som ikke fungerer for deg, vil vi gjerne høre om det.",
                    "Kontakt Krisesentersekretariatet.",
                    links={"Kontakt Krisesentersekretariatet": CONTACT},
                ),
            ],
        ),
        "en": dict(
            title="Accessibility",
            slug="accessibility",
            summary="We want everyone to be able to use this website, however they read it.",
            body=[
                heading("The standard we follow"),
                paragraph("The website aims to meet WCAG 2.1 at level AA."),
                heading("How we test"),
                paragraph(
                    "Every page in both languages is tested automatically with axe-core in a "
                    "real browser, at phone and desktop widths, and the code is checked "
                    "against the HTML standard with the Nu Html Checker.",
                    "We test that everything can be used with a keyboard, that focus is always "
                    "visible, and that text can be enlarged to 200 per cent without losing "
                    "anything.",
                    "We also measure the pages with Lighthouse.",
                ),
                heading("Known gaps"),
                paragraph(
                    "Older reports in PDF may lack headings and alternative text.",
                    "Most reports are available in Norwegian only.",
                ),
                heading("Report a problem"),
                paragraph(
                    "If you find something that does not work for you, we would like to hear "
                    "about it.",
                    "Please contact Krisesentersekretariatet.",
                    links={"contact Krisesentersekretariatet": CONTACT},
                ),
            ],
        ),
    },
}


def build_roots(seeder):
    """The front page in each language, with its earlier-engagement reports."""
    roots = {}
    for lang in LANGUAGES:
        text = LANDING[lang]
        reports = seeder.reports(lang, EARLIER_REPORTS)
        fields = {**text, "body": text["body"](reports)}
        roots[lang] = seeder.root_page(
            "page:landing", InternationalWorkPage, lang, **SOURCE_PERIOD, **fields
        )
    return roots


def build_network(seeder, roots):
    """The network page; its cards' links to partner and conference pages
    come in ``link_network``, once those pages exist."""
    for lang, root in roots.items():
        text = dict(NETWORK[lang])
        memberships = []
        for fields in text.pop("memberships"):
            fields = {k: v for k, v in fields.items() if k != "page"}
            memberships.append(NetworkMembership(**fields))
        seeder.page(
            "page:network",
            root,
            NetworkPage,
            show_in_menus=True,
            memberships=memberships,
            **SOURCE_PERIOD,
            **text,
        )


def link_network(seeder, roots):
    """Point the network page's cards at the partner and conference pages
    they are about, on a network page this run created (staff's own choices
    are left as they are)."""
    for lang, root in roots.items():
        page = seeder.find_page("page:network", root.locale)
        if page is None or not seeder.created_now(page):
            continue
        for fields in NETWORK[lang]["memberships"]:
            if "page" in fields:
                target = seeder.find_page(fields["page"], root.locale)
                page.memberships.filter(name=fields["name"]).update(related_page=target)
        page.save_revision(log_action=False).publish(log_action=False)


def build_archive_and_statements(seeder, roots):
    for lang, root in roots.items():
        seeder.page(
            "page:reports",
            root,
            ReportIndexPage,
            show_in_menus=True,
            **REPORT_ARCHIVE[lang],
        )
        for key, texts in STATEMENTS.items():
            seeder.page(key, root, StandardPage, **texts[lang])


def configure_site(seeder, roots):
    """Point the default site at the Norwegian front page; drop Wagtail's welcome page."""
    root = roots["nb"]
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=root,
            is_default_site=True,
            site_name="Krisesentersekretariatet",
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
