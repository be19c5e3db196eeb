"""Small helpers shared by the tests."""

from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    """The visible text of a page, whitespace collapsed, as a reader sees it."""
    return " ".join(soup(response).get_text(" ").split())
