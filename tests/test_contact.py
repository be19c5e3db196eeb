"""Contact and identity: a contact block at the foot of every page, from the
site settings, each detail shown only when filled in, with a link to the
secretariat's main website; the statements' "contact us" leads to it."""

import pytest
from wagtail.models import Site

from pages.models import SiteSettings
from tests.helpers import PUBLIC_PAGES, soup

pytestmark = pytest.mark.django_db


def contact_block(client, path):
    return soup(client.get(path)).select_one("footer #kontakt")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_says_how_to_reach_the_secretariat(client, path):
    block = contact_block(client, path)
    assert block is not None
    main_site = block.select_one('a[href="https://www.krisesenter.com/"]')
    assert main_site is not None and "noreferrer" in main_site["rel"]


def test_details_appear_when_filled_in_and_not_before(client):
    block = contact_block(client, "/")
    # Nothing invented: the seed knows no address, phone or number.
    assert not block.select('a[href^="tel:"], a[href^="mailto:"]')
    assert "Organisasjonsnummer" not in block.get_text()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "post@krisesenter.example"
    settings.contact_phone = "23 01 03 00"
    settings.organisation_number = "970 000 000"
    settings.save()
    block = contact_block(client, "/en/")
    text = block.get_text(" ", strip=True)
    assert block.select_one('a[href="mailto:post@krisesenter.example"]') is not None
    assert block.select_one('a[href="tel:23010300"]') is not None
    assert "Organisation number: 970 000 000" in text


@pytest.mark.parametrize(
    "path", ["/personvern/", "/tilgjengelighet/", "/en/privacy/", "/en/accessibility/"]
)
def test_the_statements_contact_us_leads_to_the_contact_details(client, path):
    page = soup(client.get(path))
    assert page.select_one('main a[href="#kontakt"]') is not None
    assert page.select_one("#kontakt") is not None
