"""Layout as a person sees it, in Chromium: the page title soon on a phone
with the exit in view, the footer at the foot of a short page, no card alone
on the last row of a grid, fact boxes that line up, hyphenation by language, and the
report filter folded on a phone until it is used."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGE_TYPES = [
    "/",
    "/nettverk/",
    "/partnere/",
    "/partnere/sor-afrika/",
    "/konferanser/",
    "/konferanser/nordisk-forum-2014/",
    "/rapporter/",
    "/personvern/",
    "/en/partners/south-africa/",
    "/sok/?q=kypros",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_on_a_phone_the_title_comes_within_300px_with_the_exit_in_view(page, site_url, path):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + path)
    assert page.locator("h1").bounding_box()["y"] <= 300
    exit_button = page.locator(".quick-exit__button").bounding_box()
    assert exit_button["y"] >= 0 and exit_button["y"] + exit_button["height"] <= 740
    # Scrolled down, the exit stays (sticky).
    page.evaluate("window.scrollTo(0, 1500)")
    assert page.url.startswith(site_url), page.url
    assert page.locator(".quick-exit__button").is_visible()
    assert 0 <= page.locator(".quick-exit__button").bounding_box()["y"] < 60


def test_the_footer_is_at_the_foot_of_a_short_page(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(site_url + "/finnes-ikke/")
    footer = page.locator("footer").bounding_box()
    assert abs(footer["y"] + footer["height"] - 1000) <= 1


@pytest.mark.parametrize("path", PAGE_TYPES + ["/en/", "/en/network/"])
def test_no_card_alone_on_the_last_row_of_a_grid(page, site_url, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path)
    grids = page.locator("ul.cards").evaluate_all(
        "grids => grids.map(g => [...g.children]"
        ".map(c => Math.round(c.getBoundingClientRect().top)))"
    )
    for tops in grids:
        rows = {}
        for top in tops:
            rows[top] = rows.get(top, 0) + 1
        counts = list(rows.values())
        assert len(tops) == 1 or counts[-1] > 1, (path, counts)


def test_the_network_page_has_a_grid_of_four_the_check_above_would_catch(page, site_url):
    """The positive control: four cards, three to a row without the rule."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/nettverk/")
    assert page.locator("ul.cards").first.locator("> li").count() == 4
    page.evaluate("document.querySelector('ul.cards').className = 'cards'")
    tops = page.locator("ul.cards").first.evaluate(
        "g => [...g.children].map(c => Math.round(c.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 2 and tops.count(tops[-1]) == 1


def test_the_labels_and_values_of_a_fact_box_line_up(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/partnere/sor-afrika/")
    facts = page.locator(".facts").first
    lefts = facts.locator("dd").evaluate_all(
        "dds => dds.map(dd => Math.round(dd.getBoundingClientRect().left))"
    )
    assert len(lefts) >= 3 and len(set(lefts)) == 1, lefts


@pytest.mark.parametrize("path,lang", [("/partnere/sor-afrika/", "nb"), ("/en/partners/", "en")])
def test_text_is_hyphenated_in_the_language_of_the_page(page, site_url, path, lang):
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("lang") == lang
    hyphens = page.locator("main p").first.evaluate("p => getComputedStyle(p).hyphens")
    assert hyphens == "auto"


@pytest.mark.parametrize(
    "width,query,folded",
    [
        (375, "", True),
        (375, "?kind=annual_report", False),
        (1280, "", False),
    ],
)
def test_the_report_filter_folds_on_a_phone_until_used(page, site_url, width, query, folded):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(site_url + "/rapporter/" + query)
    is_open = page.locator("details.filters").evaluate("d => d.open")
    assert is_open is not folded
    assert page.locator("#id_kind").is_visible() is not folded
    if folded:
        page.locator(".filters__summary").click()
        assert page.locator("#id_kind").is_visible()
