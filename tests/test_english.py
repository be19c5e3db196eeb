"""English as an English reader expects: typographic apostrophes and quotes
on every English page (issue 27). The walk takes every live English page
from the content, and the 404 page, and reads what a reader sees."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from pages.visibility import visible_pages
from partners.models import PartnerPage
from tests.helpers import committed

pytestmark = pytest.mark.django_db

STRAIGHT = re.compile(r"""[^\s]{0,20}['"][^\s]{0,20}""")


def english_addresses():
    pages = visible_pages(Page.objects.filter(locale__language_code="en", depth__gt=1))
    return [page.url for page in pages.specific()] + ["/en/no-such-page/"]


def straight_quotes(client, path):
    response = client.get(path)
    assert response.status_code == (404 if "no-such-page" in path else 200), path
    document = BeautifulSoup(response.content, "html.parser")
    for hidden in document(["script", "style", "template"]):
        hidden.decompose()
    visible = " ".join(document.stripped_strings)
    # What a reader sees also includes the labels of controls and images.
    visible += " ".join(
        value
        for element in document.find_all(True)
        for name in ("alt", "title", "aria-label", "placeholder", "value")
        if (value := element.get(name)) and isinstance(value, str) and element.name != "input"
    )
    return STRAIGHT.findall(visible)


def test_every_english_page_has_typographic_apostrophes_and_quotes(client):
    addresses = english_addresses()
    assert len(addresses) > 10  # the walk reaches the English site
    found = {path: hits for path in addresses if (hits := straight_quotes(client, path))}
    assert found == {}, found


def test_the_walk_finds_a_straight_apostrophe_an_editor_typed(client):
    """The positive control."""
    cyprus = PartnerPage.objects.get(slug="cyprus")
    cyprus.summary = "The shelter's first year."
    with committed():
        cyprus.save_revision().publish()
    assert straight_quotes(client, cyprus.url) == ["shelter's"]
