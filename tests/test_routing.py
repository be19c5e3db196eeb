"""Addresses lead to the right page, and private sections stay private.

Wagtail routes and checks view restrictions; the site adds no routing of its
own (tests/test_visibility.py covers what private pages leave out)."""

import pytest
from wagtail.models import Page, PageViewRestriction

from partners.models import PartnerIndexPage, PartnerPage
from tests.helpers import committed

pytestmark = pytest.mark.django_db


def test_an_address_finds_its_page_and_a_wrong_one_finds_none(client):
    assert "Sør-Afrika" in client.get("/partnere/sor-afrika/").content.decode()
    assert client.get("/konferanser/sor-afrika/").status_code == 404
    assert client.get("/partnere/sor-afrika/finnes-ikke/").status_code == 404
    assert client.get("/partnere/sor%00afrika/").status_code == 404


def test_a_renamed_page_answers_at_its_new_address(client):
    page = PartnerPage.objects.get(slug="kypros")
    page.slug = "kypros-ny"
    page.save_revision().publish()
    assert client.get("/partnere/kypros-ny/").status_code == 200


def test_an_unpublished_page_is_not_found(client):
    PartnerPage.objects.get(slug="estland").unpublish()
    assert client.get("/partnere/estland/").status_code == 404


def test_a_private_section_is_closed_to_visitors_and_left_out_of_links(client):
    partners = PartnerIndexPage.objects.get(slug="partnere")
    assert client.get("/partnere/sor-afrika/").status_code == 200  # now in the page cache
    with committed():
        PageViewRestriction.objects.create(
            page=partners, restriction_type=PageViewRestriction.LOGIN
        )
    for path in ("/partnere/", "/partnere/sor-afrika/"):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"], path

    # The English translation of a public page is private now: no link to it.
    english = PartnerPage.objects.get(slug="south-africa")
    with committed():
        PageViewRestriction.objects.create(page=english, restriction_type="login")
    norwegian = PartnerPage.objects.get(slug="sor-afrika")
    with committed():
        PageViewRestriction.objects.filter(page=partners).delete()
    html = client.get(norwegian.url).content.decode()
    assert "/en/partners/south-africa/" not in html
    assert "/en/partners/south-africa/" not in client.get("/sitemap.xml").content.decode()


def test_a_restriction_on_the_page_an_alias_copies_applies_to_the_alias(client):
    source = PartnerPage.objects.get(slug="kypros")
    index = Page.objects.get(slug="partnere")
    alias = source.create_alias(parent=index, update_slug="kypros-alias")
    assert client.get(alias.url).status_code == 200
    with committed():
        PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(alias.url).status_code == 302
