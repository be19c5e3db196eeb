"""WCAG 2.1 AA, proven in a real browser (axe-core), against the HTML standard
(the Nu Html Checker), and with the keyboard."""

import json
import subprocess

import pytest

from tests.conftest import AXE_JS, VNU_JAR, require
from tests.helpers import PUBLIC_PAGES, publish_page_with_image

EXTRA_PAGES = [
    "/finnes-ikke/",
    "/en/does-not-exist/",
    "/sok/?q=Masimanyane",
    "/en/search/?q=Cyprus",
    "/sok/?q=" + "x" * 300,
    "/rapporter/?kind=annual_report",
    "/en/reports/?country=ZA&year_from=2002",
    "/rapporter/?year_from=2005&year_to=2001",
    "/_util/login/?next=/partnere/kypros/",
    "/en/_util/login/",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def all_pages():
    return [*PUBLIC_PAGES, *EXTRA_PAGES, publish_page_with_image()]


def axe_violations(page):
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
        })""",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_axe_finds_nothing_on_any_page_at_desktop_and_phone_width(page, site_url):
    require(AXE_JS, "axe-core")
    # Injected by the browser into every document, outside the page's CSP.
    page.add_init_script(path=str(AXE_JS))
    found = {}
    for path in all_pages():
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(site_url + path)
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            violations = axe_violations(page)
            if violations:
                found[f"{path} @ {width}px"] = violations
    assert found == {}


@pytest.mark.django_db
def test_every_page_is_valid_html(client, tmp_path):
    """One Nu Html Checker run over every page (the JVM starts in ~2.5 s)."""
    require(VNU_JAR, "the Nu Html Checker (vnu-jar)")
    files = []
    for number, path in enumerate(all_pages()):
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        file = tmp_path / f"page-{number}.html"
        file.write_bytes(response.content)
        files.append((file, path))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
        + [str(file) for file, _ in files],
        capture_output=True,
        text=True,
        check=False,
    )
    by_file = {f"file:{file}": path for file, path in files}
    errors = [
        f"{by_file.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stdout)["messages"]
        if m["type"] == "error"
    ]
    assert errors == []
    assert result.returncode == 0, result.stderr


def focus_ring_contrast(page):
    """Contrast between the focused element's ring (outline or box-shadow) and
    the background behind it, computed in the page."""
    return page.evaluate(
        """() => {
        const el = document.activeElement;
        const parse = c => (c.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
        const lum = ([r, g, b]) => {
            const f = v => {
                v /= 255;
                return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
            };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const ratio = (a, b) => {
            const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
            return (x + 0.05) / (y + 0.05);
        };
        let node = el.parentElement, bg = [255, 255, 255];
        while (node) {
            const c = parse(getComputedStyle(node).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c.slice(0, 3); break; }
            node = node.parentElement;
        }
        const style = getComputedStyle(el);
        const rings = [];
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
            rings.push(parse(style.outlineColor).slice(0, 3));
        }
        const shadow = style.boxShadow.match(/rgba?\\([^)]*\\)/g) || [];
        shadow.forEach(c => rings.push(parse(c).slice(0, 3)));
        return Math.max(0, ...rings.map(c => ratio(c, bg)));
    }"""
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("path", ["/", "/rapporter/", "/en/partners/cyprus/"])
def test_every_control_is_reachable_by_tab_with_a_visible_focus_ring(page, site_url, path):
    page.goto(site_url + path)
    page.evaluate(
        # What a keyboard can reach: shown (a phone's search link is hidden on a
        # wide screen, and the other way round), enabled, and a fold's summary too;
        # not what is taken out of the order on purpose (the map's links: the
        # list beside it has them).
        """() => { window.__controls = [...document.querySelectorAll(
            'a[href], button, input, select, textarea, summary')].filter(
            e => !e.disabled && e.checkVisibility() && e.tabIndex >= 0); }"""
    )
    count = page.evaluate("window.__controls.length")
    order = []
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        index = page.evaluate("window.__controls.indexOf(document.activeElement)")
        if index == -1 or index in order:
            break
        order.append(index)
        assert focus_ring_contrast(page) >= 3, page.evaluate("document.activeElement.outerHTML")
    # Every control reached once, in document order, and Tab moved on: no trap.
    assert order == list(range(count))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_skip_links_come_first_and_work(page, site_url):
    page.goto(site_url + "/partnere/kypros/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hopp til hovedinnholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(site_url + "/partnere/kypros/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == (
        "Hopp til knappen for å forlate siden"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "quick-exit"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("path", ["/", "/partnere/sor-afrika/", "/rapporter/", "/en/conferences/"])
def test_text_at_200_percent_loses_nothing(page, site_url, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + path)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('main *, header *, nav *')].filter(e => {
            const s = getComputedStyle(e);
            return s.overflow === 'hidden' && e.scrollWidth > e.clientWidth + 1
                && !e.classList.contains('visually-hidden');
        }).length"""
    )
    assert clipped == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_print_leaves_out_the_controls(page, site_url):
    page.goto(site_url + "/partnere/kypros/")
    page.emulate_media(media="print")
    for selector in (".quick-exit", ".main-nav", ".help-banner", ".skip-link", ".search-form"):
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("h1").is_visible()
    # Ink on paper: no coloured header or footer bands in print.
    for selector in (".site-header", ".site-footer"):
        background = page.evaluate(
            f"getComputedStyle(document.querySelector('{selector}')).backgroundColor"
        )
        assert background == "rgba(0, 0, 0, 0)", selector


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reduced_motion_turns_off_transitions(page, site_url):
    page.emulate_media(reduced_motion="reduce")
    page.goto(site_url + "/")
    durations = page.evaluate(
        "() => [...document.querySelectorAll('*')].map(e => getComputedStyle(e).transitionDuration)"
    )
    assert set(durations) <= {"0s"}


GENERIC_LINK_TEXTS = {"les mer", "klikk her", "her", "read more", "click here", "here", "more"}


@pytest.mark.django_db
def test_structure_landmarks_headings_and_link_texts(client):
    from bs4 import BeautifulSoup

    problems = []
    for path in all_pages():
        page = BeautifulSoup(client.get(path).content, "html.parser")
        if len(page.find_all("h1")) != 1:
            problems.append(f"{path}: {len(page.find_all('h1'))} h1")
        levels = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                problems.append(f"{path}: heading jumps from h{before} to h{after}")
        for landmark in ("header", "main", "footer"):
            if len(page.find_all(landmark, recursive=True)) < 1:
                problems.append(f"{path}: no <{landmark}>")
        for nav in page.find_all("nav"):
            if not nav.get("aria-label"):
                problems.append(f"{path}: a <nav> without a name")
        for link in page.find_all("a"):
            if link.get_text(" ", strip=True).lower() in GENERIC_LINK_TEXTS:
                problems.append(f"{path}: link text “{link.get_text(strip=True)}”")
    assert problems == []
