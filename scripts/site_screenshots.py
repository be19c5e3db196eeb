"""`make screenshots` (with the admin's): each page type of the public site
at 1280 and 375 px wide, as make run serves it, into docs/images/site/.

docs/screenshots.md shows them; the README links there."""

import os
import sys
import tempfile
from pathlib import Path

from audit import serve
from playwright.sync_api import sync_playwright
from stack import ROOT, wait_for

OUT = ROOT / "docs" / "images" / "site"
PAGES = {
    "forside": "/",
    "nettverk": "/nettverk/",
    "partnere": "/partnere/",
    "partner": "/partnere/sor-afrika/",
    "konferanser": "/konferanser/",
    "konferanse": "/konferanser/nordisk-forum-2014/",
    "rapporter": "/rapporter/",
    "personvern": "/personvern/",
    "sok": "/sok/?q=Masimanyane",
    "innlogging": "/_util/login/",
    "english-partner": "/en/partners/south-africa/",
}
WIDTHS = {"desktop": (1280, 900), "phone": (375, 740)}
# Parts of a page, whole, wherever they are on it: the front page's map and
# timeline (pages/world/).
SECTIONS = {
    "kart": ("/", ".world"),
    "tidslinje": ("/", ".timeline"),
    "english-map": ("/en/", ".world"),
}


def main():
    server, base, _env = serve(Path(tempfile.mkdtemp(prefix="kss-site-shots-")))
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        wait_for(base + "/")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
            )
            for size_name, (width, height) in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path in PAGES.items():
                    page.goto(base + path)
                    target = OUT / f"{name}-{size_name}.png"
                    # The first screen as a visitor sees it on arrival.
                    page.screenshot(path=target)
                    print(target.relative_to(ROOT))
                for name, (path, selector) in SECTIONS.items():
                    page.goto(base + path)
                    box = page.locator(selector).bounding_box()
                    scrolled = page.evaluate("window.scrollY")
                    target = OUT / f"{name}-{size_name}.png"
                    # From the whole page, so the sticky exit bar stays at its top.
                    page.screenshot(
                        path=target,
                        full_page=True,
                        clip={**box, "y": box["y"] + scrolled},
                    )
                    print(target.relative_to(ROOT))
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
