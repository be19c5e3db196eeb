"""Staff build the site through the admin: the tree rules hold and what they
type is what is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from conferences.models import ConferenceIndexPage, ConferencePage
from pages.models import InternationalWorkPage, NetworkPage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report, ReportIndexPage
from tests.helpers import make_image, soup

SECTIONS = {NetworkPage, PartnerIndexPage, ConferenceIndexPage, ReportIndexPage, StandardPage}


def body(*extra):
    return streamfield(
        [
            ("heading", {"text": "Bakgrunn", "level": "h2"}),
            ("paragraph", rich_text("<p>Et avsnitt om samarbeidet.</p>")),
            *extra,
        ]
    )


class TreeRulesTest(WagtailPageTestCase):
    def test_the_landing_page_takes_the_sections(self):
        # Sections declare their parent (pages/ does not name partners/ or
        # conferences/), so compare what staff are offered to create.
        assert set(InternationalWorkPage.creatable_subpage_models()) == SECTIONS
        self.assertAllowedParentPageTypes(InternationalWorkPage, {Page})

    def test_partners_live_only_under_the_partner_list(self):
        self.assertAllowedParentPageTypes(PartnerPage, {PartnerIndexPage})
        self.assertAllowedSubpageTypes(PartnerIndexPage, {PartnerPage})
        self.assertCanNotCreateAt(ConferenceIndexPage, PartnerPage)
        self.assertCanNotCreateAt(InternationalWorkPage, PartnerPage)

    def test_conferences_live_only_under_the_conference_list(self):
        self.assertAllowedParentPageTypes(ConferencePage, {ConferenceIndexPage})
        self.assertCanNotCreateAt(PartnerIndexPage, ConferencePage)

    def test_leaf_pages_take_no_children(self):
        for model in (PartnerPage, ConferencePage, NetworkPage, ReportIndexPage, StandardPage):
            self.assertAllowedSubpageTypes(model, set())


class AdminCreatesEachPageTypeTest(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.report = Report.objects.get(title__contains="rapport 2010", locale__language_code="nb")
        self.assertCanCreate(
            Page.get_first_root_node(),
            InternationalWorkPage,
            nested_form_data(
                {"title": "Prøveside", "slug": "proveside", "summary": "Kort.", "body": body()}
            ),
        )
        self.home = InternationalWorkPage.objects.get(slug="proveside")
        # A second site rooted at the new page, so its pages have addresses.
        self.site = Site.objects.create(hostname="localhost", port=8081, root_page=self.home)

    def get_public(self, page):
        return self.client.get(
            page.relative_url(self.site), HTTP_HOST="localhost:8081", SERVER_PORT="8081"
        )

    def assert_body_saved(self, page):
        blocks = [(block.block_type, block.value) for block in page.body]
        assert blocks[0][0] == "heading" and blocks[0][1]["text"] == "Bakgrunn"
        assert blocks[1][0] == "paragraph" and "Et avsnitt om samarbeidet." in blocks[1][1].source

    def test_landing_page(self):
        self.assert_body_saved(self.home)

    def test_partner_list_and_partner(self):
        self.assertCanCreate(
            self.home,
            PartnerIndexPage,
            nested_form_data({"title": "Partnere", "slug": "partnere", "body": body()}),
        )
        index = PartnerIndexPage.objects.child_of(self.home).get(slug="partnere")
        self.assertCanCreate(
            index,
            PartnerPage,
            nested_form_data(
                {
                    "title": "Kenya",
                    "slug": "kenya",
                    "summary": "Et nytt samarbeid.",
                    "body": body(
                        (
                            "reports",
                            {
                                "heading": "Les mer",
                                "reports": streamfield([("item", self.report.pk)]),
                            },
                        ),
                    ),
                    "country": "KE",
                    "organisation_name": "Coalition on Violence Against Women",
                    "acronym": "COVAW",
                    "website": "https://example.org/",
                    "start_year": "2020",
                    "end_year": "",
                    "funding_source": "FOKUS",
                    "contact_person": "Ada Achieng",
                    "contact_role": "Leder",
                }
            ),
        )
        partner = PartnerPage.objects.get(slug="kenya")
        assert (partner.country.code, partner.acronym, partner.start_year) == ("KE", "COVAW", 2020)
        assert partner.end_year is None
        self.assert_body_saved(partner)
        assert partner.body[2].block_type == "reports"
        assert list(partner.body[2].value["reports"]) == [self.report]
        response = self.get_public(partner)
        self.assertContains(response, "Coalition on Violence Against Women (COVAW)")
        self.assertContains(response, "siden 2020")

    def test_conference_list_and_conference(self):
        self.assertCanCreate(
            self.home,
            ConferenceIndexPage,
            nested_form_data({"title": "Konferanser", "slug": "konferanser", "body": body()}),
        )
        index = ConferenceIndexPage.objects.child_of(self.home).get(slug="konferanser")
        self.assertCanCreate(
            index,
            ConferencePage,
            nested_form_data(
                {
                    "title": "Rådgivningssenter på Jamaica",
                    "slug": "jamaica-2001",
                    "summary": "Forundersøkelse.",
                    "body": body(),
                    "start_date": "2001-04-04",
                    "end_date": "2001-04-18",
                    "year": "",
                    "city": "Kingston",
                    "country": "JM",
                    "participants": "40",
                    "kss_role": "participant",
                }
            ),
        )
        conference = ConferencePage.objects.get(slug="jamaica-2001")
        assert conference.year == 2001
        assert conference.country.code == "JM"
        self.assert_body_saved(conference)
        self.assertContains(self.get_public(conference), "4.–18. april 2001")

    def test_network_page_with_ordered_memberships(self):
        self.assertCanCreate(
            self.home,
            NetworkPage,
            nested_form_data(
                {
                    "title": "Nettverk",
                    "slug": "nettverk",
                    "body": body(),
                    "memberships": inline_formset(
                        [
                            {
                                "name": "Women Against Violence Europe",
                                "acronym": "WAVE",
                                "region": "european",
                                "country": "",
                                "status": "member",
                                "website": "",
                                "since_year": "1994",
                                "description": "Europeisk nettverk.",
                                "ORDER": "1",
                            },
                            {
                                "name": "Nordiske Kvinner Mot Vold",
                                "acronym": "NKMV",
                                "region": "nordic",
                                "country": "",
                                "status": "member",
                                "website": "",
                                "since_year": "",
                                "description": "Nordisk nettverk.",
                                "ORDER": "2",
                            },
                        ]
                    ),
                }
            ),
        )
        network = NetworkPage.objects.child_of(self.home).get(slug="nettverk")
        assert [m.acronym for m in network.memberships.all()] == ["WAVE", "NKMV"]
        self.assert_body_saved(network)

    def test_report_archive_and_text_page(self):
        self.assertCanCreate(
            self.home,
            ReportIndexPage,
            nested_form_data({"title": "Rapporter", "slug": "rapporter", "body": body()}),
        )
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data({"title": "Personvern", "slug": "personvern", "body": body()}),
        )
        self.assert_body_saved(StandardPage.objects.child_of(self.home).get(slug="personvern"))


class AdminValidationTest(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = ConferenceIndexPage.objects.get(locale__language_code="nb")

    def test_a_conference_cannot_end_before_it_starts(self):
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:add", args=["conferences", "conferencepage", self.index.pk]
            ),
            nested_form_data(
                {
                    "title": "Baklengs",
                    "slug": "baklengs",
                    "body": streamfield([]),
                    "start_date": "2026-05-10",
                    "end_date": "2026-05-01",
                    "action-publish": "action-publish",
                }
            ),
        )
        assert response.status_code == 200
        assert "Konferansen kan ikke slutte før den begynner." in response.content.decode()
        assert not ConferencePage.objects.filter(slug="baklengs").exists()


class AdminPublishesAnEditTest(WagtailPageTestCase):
    def test_an_edited_partner_shows_on_the_public_page_once_published(self):
        self.login()
        partner = PartnerPage.objects.get(slug="kypros")
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[partner.pk]))
        assert response.status_code == 200

        data = nested_form_data(
            {
                "title": partner.title,
                "slug": partner.slug,
                "summary": "Nytt sammendrag fra sekretariatet.",
                "body": streamfield([("paragraph", rich_text("<p>Ny tekst.</p>"))]),
                "country": "CY",
                "organisation_name": partner.organisation_name,
                "acronym": "SPAVO",
                "website": "",
                "start_year": "2013",
                "end_year": "",
                "funding_source": "EØS-midlene",
                "contact_person": "",
                "contact_role": "",
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[partner.pk]), data)
        assert response.status_code == 302, response.content.decode()[:2000]

        self.client.logout()
        public = self.client.get("/partnere/kypros/")
        self.assertContains(public, "Nytt sammendrag fra sekretariatet.")
        self.assertContains(public, "Ny tekst.")
        self.assertContains(public, "siden 2013")


class ImagesNeedAltTextTest(WagtailPageTestCase):
    """Every content image has alt text, or the editor has said it is decorative."""

    def setUp(self):
        self.login()
        self.image = make_image("Sal", (20, 20))
        self.home = InternationalWorkPage.objects.get(locale__language_code="nb")

    def post_page(self, slug, image_value):
        return self.client.post(
            reverse("wagtailadmin_pages:add", args=["pages", "standardpage", self.home.pk]),
            nested_form_data(
                {
                    "title": slug,
                    "slug": slug,
                    "body": streamfield([("image", {"image": image_value, "caption": ""})]),
                    "action-publish": "action-publish",
                }
            ),
        )

    def test_an_image_block_with_neither_alt_text_nor_decorative_is_refused(self):
        response = self.post_page("uten-alt", {"image": self.image.pk, "alt_text": ""})
        assert response.status_code == 200
        assert not StandardPage.objects.filter(slug="uten-alt").exists()

    def test_alt_text_or_an_explicit_decorative_choice_is_published(self):
        self.post_page("med-alt", {"image": self.image.pk, "alt_text": "Tom sal"})
        self.post_page("pynt", {"image": self.image.pk, "alt_text": "", "decorative": "on"})
        site = Site.objects.get(is_default_site=True)
        with_alt = StandardPage.objects.get(slug="med-alt")
        decorative = StandardPage.objects.get(slug="pynt")
        img = soup(self.client.get(with_alt.relative_url(site))).select_one("main figure img")
        assert img["alt"] == "Tom sal"
        img = soup(self.client.get(decorative.relative_url(site))).select_one("main figure img")
        assert img["alt"] == ""

    def test_a_partners_main_image_needs_a_description(self):
        partner = PartnerPage.objects.get(slug="kypros")
        partner.hero_image = self.image
        with pytest.raises(ValidationError) as error:
            partner.full_clean()
        assert "beskrivelse" in str(error.value)
        self.image.description = "Styret i SPAVO og KSS"
        self.image.save()
        partner.full_clean()


@pytest.mark.django_db
def test_the_report_library_search_finds_by_title_and_summary(
    admin_client, django_capture_on_commit_callbacks
):
    """The search box above the report library, on SQLite as on PostgreSQL
    (naming the fields to search broke it on SQLite: "no such column")."""
    from tests.factories import ReportFactory

    with django_capture_on_commit_callbacks(execute=True):  # indexed after the commit
        ReportFactory(title="Rapport om krisesentre i Kenya", summary="Om COVAW.")
        ReportFactory(title="Årsrapport", summary="Besøk hos COVAW i Nairobi.")
    url = reverse("wagtailsnippets_reports_report:list")
    by_title = soup(admin_client.get(url, {"q": "Kenya", "locale": ""}))
    assert [a.get_text(strip=True) for a in by_title.select("tbody .title-wrapper a")] == [
        "Rapport om krisesentre i Kenya"
    ]
    by_summary = soup(admin_client.get(url, {"q": "Nairobi", "locale": ""}))
    assert [a.get_text(strip=True) for a in by_summary.select("tbody .title-wrapper a")] == [
        "Årsrapport"
    ]
    nothing = admin_client.get(url, {"q": "ingenting-som-finnes", "locale": ""})
    assert nothing.status_code == 200 and not soup(nothing).select("tbody tr")


@pytest.mark.django_db
def test_restoring_an_old_version_of_a_report_with_its_title_emptied_saves_a_draft(admin_client):
    """As in the edit view, a draft may lack a required field until it is
    published; Wagtail's revert view answered 500 instead."""
    from wagtail.test.utils.form_data import querydict_from_html

    report = Report.objects.filter(locale__language_code="nb", live=True).first()
    revision = report.save_revision()
    url = reverse("wagtailsnippets_reports_report:revisions_revert", args=[report.pk, revision.pk])
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="w-editor-form")
    data["title"] = ""
    assert admin_client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.live and report.title  # the published version is untouched
    assert report.latest_revision.content["title"] == ""


@pytest.mark.django_db
def test_comparing_versions_shows_dates_and_numbers_as_staff_read_them(admin_client):
    """A publishing date set for the first time and a year taken away: in the
    editor's language and time zone, never Python's "None" or a UTC timestamp."""
    import datetime

    from django.utils import timezone, translation

    page = PartnerPage.objects.get(slug="kypros")
    page.save_revision().publish()
    page.go_live_at = timezone.make_aware(datetime.datetime(2027, 3, 8, 9, 30))
    page.end_year = None if page.end_year else 2030
    page.save_revision()
    url = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[page.pk, page.live_revision_id, page.get_latest_revision().pk],
    )
    with translation.override("nb"):
        shown = soup(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="nb")).get_text(" ")
    assert "None" not in shown and "+00:00" not in shown
    assert "8. mars 2027 09:30" in " ".join(shown.split())
