"""What the browser reports while staff or visitors use the site, for the
Chromium tests (tests/test_admin_stack.py, tests/test_admin_language_browser.py)."""

from urllib.parse import urlsplit


class Watch:
    """What the browser reports while staff work: console errors and
    warnings (a blocked script, style or image is one), script errors, and
    every request, by the screen that made it."""

    def __init__(self, page, base):
        self.base = base
        self.host = urlsplit(base).netloc
        self.console, self.requests, self.screens = [], [], set()
        self.follow(page)

    def follow(self, page):
        """Watch ``page`` from now on, as when a test opens a fresh tab."""
        self.page = page
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console.append((page.url, "pageerror", str(error))))
        page.on("request", lambda request: self.requests.append((page.url, request.url)))
        page.on("framenavigated", self._navigated)

    def _console(self, message):
        if message.type in ("error", "warning"):
            self.console.append((self.page.url, message.type, message.text))

    def _navigated(self, frame):
        if frame == self.page.main_frame and frame.url.startswith(self.base + "/admin/"):
            self.screens.add(urlsplit(frame.url).path)

    def violations(self):
        return [entry for entry in self.console if "Content Security Policy" in entry[2]]

    def elsewhere(self):
        """Requests to any host but the site's (data: and blob: stay in the browser)."""
        return [
            (screen, url)
            for screen, url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).netloc != self.host
        ]

    def assert_clean(self, addresses_that_fail=False):
        """No violation, no script error, no other host. ``addresses_that_fail``:
        the test opens addresses that answer 404 or 405 on purpose (a walk of
        every route), and the browser's note that they failed is no error."""
        assert self.screens, "no admin screen was visited"
        assert self.violations() == [], self.violations()
        console = [
            entry
            for entry in self.console
            if not (addresses_that_fail and entry[2].startswith("Failed to load resource"))
        ]
        assert console == [], console
        assert self.elsewhere() == [], self.elsewhere()
