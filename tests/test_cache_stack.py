"""Caches that never serve what was withdrawn, through `make stack` with
faults (docs/performance.md): a Redis stall, a Varnish that hangs, a worker
stopped, every spelling of an address, a render a publication overtakes;
and the pages nginx and Varnish answer themselves."""

import http.client
import os
import signal
import subprocess
import threading
import time

import pytest
from bs4 import BeautifulSoup

from tests.stack import Visitor, get, shell

pytestmark = pytest.mark.stack


def publish(stack, slug, summary):
    shell(
        stack,
        "from wagtail.models import Page;"
        f"p = Page.objects.get(slug='{slug}').specific;"
        f"p.summary = '{summary}';"
        "p.save_revision().publish()",
    )


def unpublish(stack, slug):
    shell(stack, f"from wagtail.models import Page; Page.objects.get(slug='{slug}').unpublish()")


def new_partner(stack, slug, title):
    shell(
        stack,
        "from partners.models import PartnerIndexPage, PartnerPage;"
        "parent = PartnerIndexPage.objects.get(locale__language_code='nb');"
        f"p = PartnerPage(title='{title}', slug='{slug}', country='IS', summary='{title}.',"
        f" organisation_name='Organisasjon {title}', start_year=2020, live=False);"
        "parent.add_child(instance=p); p.save_revision().publish()",
    )


def page(stack, path):
    status, _, body = get(stack.port, path)
    return status, body.decode()


def from_varnish(stack, path):
    """``path`` from Varnish itself, as nginx asks for it (the scheme is part
    of Varnish's key), without nginx's turn to the app nodes."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.state["varnish"], timeout=30)
    connection.request("GET", path, headers={"Host": "localhost", "X-Forwarded-Proto": "http"})
    response = connection.getresponse()
    answer = response.status, dict(response.getheaders()), response.read()
    connection.close()
    return answer


def until(check, seconds):
    """Seconds until ``check()`` holds; fails after ``seconds``."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(0.1)
    return time.monotonic() - started


def pid(stack, name):
    return int((stack.folder / "pids" / f"{name}.pid").read_text().split()[0])


def varnish_child(stack):
    """The process that answers: the manager's child."""
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid(stack, "varnish"))], capture_output=True, text=True
    ).stdout.split()
    return int(out[0])


@pytest.fixture
def paused():
    """Pauses processes (SIGSTOP) and resumes them after the test, whatever happens."""
    stopped = []

    def pause(process):
        os.kill(process, signal.SIGSTOP)
        stopped.append(process)

    yield pause
    for process in stopped:
        os.kill(process, signal.SIGCONT)


# --- 1. After a cache fault, nothing older than the last publication ------------


def test_after_a_redis_stall_the_new_version_and_the_404_within_two_seconds(stack, paused):
    """Redis stopped while one page is published and another withdrawn; no
    visitor asks meanwhile. Once it answers, every app node, and Varnish,
    forget what they kept from before."""
    new_partner(stack, "redis-trekkes", "Trekkes mens Redis sov")
    for path in ("/partnere/estland/", "/partnere/redis-trekkes/"):
        for _ in range(3):  # kept by Varnish and by Redis on both nodes
            assert page(stack, path)[0] == 200
    assert "Skrevet mens Redis sov." not in page(stack, "/partnere/estland/")[1]

    paused(pid(stack, "redis"))
    publish(stack, "estland", "Skrevet mens Redis sov.")
    unpublish(stack, "redis-trekkes")
    os.kill(pid(stack, "redis"), signal.SIGCONT)
    resumed = time.monotonic()

    until(lambda: "Skrevet mens Redis sov." in page(stack, "/partnere/estland/")[1], 2)
    until(
        lambda: page(stack, "/partnere/redis-trekkes/")[0] == 404, 2 - (time.monotonic() - resumed)
    )
    # And it stays so: nothing from before comes back from Redis or Varnish.
    for _ in range(10):
        assert "Skrevet mens Redis sov." in page(stack, "/partnere/estland/")[1]
        assert page(stack, "/partnere/redis-trekkes/")[0] == 404


# --- 2. One copy per page -------------------------------------------------------


def spellings(path):
    """``path`` (``/partnere/x/``) as browsers, newsletters and crawlers write it."""
    inner = path.rstrip("/")
    return [
        path,
        path + "?",
        path + "?&",
        "/%70" + path[2:],
        inner + "%2f",
        inner + "%2F",
        path.replace("/", "//", 2)[1:],
        path + "?utm_source",
        path + "?utm_source=nyhetsbrev&fbclid=abc",
    ]


def test_a_withdrawal_and_a_rename_reach_every_spelling(stack):
    new_partner(stack, "stavemate", "Stavemåter")
    new_partner(stack, "omdopes", "Omdøpes")
    for slug in ("stavemate", "omdopes"):
        for path in spellings(f"/partnere/{slug}/"):
            status, body = page(stack, path)
            assert status == 200 and "partner" in body.lower(), path
    unpublish(stack, "stavemate")
    shell(
        stack,
        "from partners.models import PartnerPage;"
        "p = PartnerPage.objects.get(slug='omdopes'); p.slug = 'omdopt';"
        "p.save_revision().publish()",
    )
    time.sleep(1)  # the purges, from the worker
    for path in spellings("/partnere/stavemate/"):
        assert page(stack, path)[0] == 404, path
    for path in spellings("/partnere/omdopes/"):
        status, body = page(stack, path)
        # Wagtail's redirect from the old address, never the page kept there.
        assert status in (301, 404) and "Omdøpes." not in body, path
    assert page(stack, "/partnere/omdopt/")[0] == 200


# --- 3. A render never stores what a commit made old ---------------------------


def test_a_render_that_a_publication_overtakes_is_not_kept(stack):
    """The partner page's photo is looked up late in its render: a transaction
    that holds the renditions' table makes the render wait there, with the
    page's summary already read; meanwhile the summary is published anew.
    The visitor gets the page as it was, marked private, and Varnish keeps
    nothing of it."""
    psql = [
        *("psql", "-h", "127.0.0.1", "-p", str(stack.state["postgres"]), "-U", "postgres"),
        *("-d", "kss", "-v", "ON_ERROR_STOP=1"),
    ]
    shell(
        stack,
        "import io;"
        "from PIL import Image as P;"
        "from django.core.files.images import ImageFile;"
        "from wagtail.images.models import Image;"
        "from partners.models import PartnerPage;"
        "b = io.BytesIO(); P.new('RGB', (900, 600), 'teal').save(b, 'PNG');"
        "i = Image(title='Nikosia', description='Nikosia');"
        "i.file = ImageFile(b, name='nikosia.png'); i.save();"
        "p = PartnerPage.objects.get(slug='kypros'); p.hero_image = i;"
        "p.summary = 'Før visningen.';"
        "p.save_revision().publish()",
    )
    time.sleep(1)  # the purge: Varnish has no copy, no node has the photo's renditions
    holder = subprocess.Popen(
        [
            *psql,
            "-c",
            "BEGIN; LOCK TABLE wagtailimages_rendition IN ACCESS EXCLUSIVE MODE; "
            "SELECT pg_sleep(4); COMMIT;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    answered = {}

    def visit():  # straight to Varnish: it keeps what it fetched, however long
        answered["first"] = from_varnish(stack, "/partnere/kypros/")

    visitor = threading.Thread(target=visit)
    visitor.start()
    time.sleep(1)  # the render waits for the reports
    publish(stack, "kypros", "Publisert mens en visning ventet.")
    holder.wait(timeout=30)
    visitor.join(timeout=30)
    assert holder.returncode == 0, "the lock was not taken"
    status, headers, body = answered["first"]
    assert status == 200 and b"Publisert mens en visning ventet." not in body
    assert "private" in headers.get("Cache-Control", ""), headers
    time.sleep(1)
    assert "Publisert mens en visning ventet." in page(stack, "/partnere/kypros/")[1]


# --- 4. Background jobs on a real queue ----------------------------------------


def test_a_publication_during_a_35_second_varnish_pause_shows_within_10_seconds(stack, paused):
    """Varnish hangs: visitors get the new version from the app nodes within
    2 s, staff reach the admin at once; the purge waits in the queue and
    reaches Varnish once it answers again."""
    path = "/partnere/sor-afrika/"
    for _ in range(2):
        assert page(stack, path)[0] == 200
    child = varnish_child(stack)
    paused(child)
    paused_at = time.monotonic()
    publish(stack, "sor-afrika", "Publisert mens Varnish hang.")
    started = time.monotonic()
    status, body = page(stack, path)
    assert time.monotonic() - started < 2, "a visitor waited for the hanging Varnish"
    assert status == 200 and "Publisert mens Varnish hang." in body
    staff = Visitor(stack)
    started = time.monotonic()
    assert staff.request("GET", "/admin/login/")[0] == 200
    assert time.monotonic() - started < 0.5, "staff waited for the hanging Varnish"
    time.sleep(max(0, 35 - (time.monotonic() - paused_at)))
    os.kill(child, signal.SIGCONT)
    # Through Varnish itself: its copy from before the pause, until the purge.
    waited = until(lambda: b"Publisert mens Varnish hang." in from_varnish(stack, path)[2], 10)
    print(f"shown through Varnish {waited:.1f} s after it answered again")


def test_a_worker_stopped_and_started_again_loses_nothing(stack):
    path = "/partnere/kypros/"
    for _ in range(2):
        assert page(stack, path)[0] == 200
    assert stack.run("stop", "worker").returncode == 0
    publish(stack, "kypros", "Publisert mens arbeideren sto.")
    time.sleep(1)
    # Varnish keeps the page it had: the purge waits for a worker.
    assert b"Publisert mens arbeideren sto." not in from_varnish(stack, path)[2]
    assert stack.run("start-worker").returncode == 0
    until(lambda: b"Publisert mens arbeideren sto." in from_varnish(stack, path)[2], 5)


def test_the_worker_outlives_a_database_outage(stack):
    """db_worker exits when the database goes away; it is started again, as
    systemd's Restart=always does in production, and the purge arrives."""
    path = "/partnere/estland/"
    for _ in range(2):
        assert page(stack, path)[0] == 200
    assert stack.run("stop", "postgres").returncode == 0
    time.sleep(2)  # the worker asks the database for tasks five times a second
    assert stack.run("start-postgres").returncode == 0
    publish(stack, "estland", "Publisert etter at databasen kom tilbake.")
    until(lambda: b"Publisert etter at databasen kom tilbake." in from_varnish(stack, path)[2], 10)


# --- 6. Every error page keeps the exit -----------------------------------------


def assert_the_sites_error_page(body, language):
    html = BeautifulSoup(body, "html.parser")
    assert html.html["lang"] == language
    assert html.select_one("a.quick-exit__button")["href"].startswith("https://")
    assert html.select_one('a[href="tel:116006"]') is not None
    assert all(script.get("src") for script in html.find_all("script"))
    return html.h1.get_text()


def test_the_pages_nginx_and_varnish_answer_keep_the_exit_and_the_help_lines(stack):
    visitor = Visitor(stack)
    # 405 from nginx, in the address's language.
    status, headers, body = visitor.request("DELETE", "/en/partners/")
    assert status == 405 and assert_the_sites_error_page(body, "en") == "Not allowed"
    assert "script-src 'self'" in headers["content-security-policy"]
    status, _, body = visitor.request("PUT", "/partnere/")
    assert status == 405 and assert_the_sites_error_page(body, "nb") == "Ikke tillatt"
    # 413: more than nginx takes outside the admin.
    status, _, body = visitor.request(
        "POST",
        "/sok/",
        body=b"q=" + b"x" * (2 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 413 and assert_the_sites_error_page(body, "nb") == "For stort"
    # No app node: Varnish's 503 and nginx's own 502, as the site's pages.
    for node in ("node1", "node2"):
        assert stack.run("stop", node).returncode == 0
    try:
        time.sleep(3)  # Varnish's health check takes them out
        status, _, body = visitor.request("GET", "/en/partners/nowhere/")
        assert status in (502, 503)
        assert assert_the_sites_error_page(body, "en") == "Temporarily unavailable"
        status, _, body = visitor.request("GET", "/admin/")
        assert status == 502
        assert assert_the_sites_error_page(body, "nb") == "Midlertidig utilgjengelig"
    finally:
        for n in (1, 2):
            stack.run("start-node", str(n))
    # The positive control: the same addresses answer again, once Varnish's
    # health check has the nodes back.
    until(lambda: get(stack.port, "/en/partners/")[0] == 200, 10)
    assert Visitor(stack).request("GET", "/admin/login/")[0] == 200


def test_the_login_forms_csrf_failure_keeps_the_exit(stack):
    visitor = Visitor(stack)
    status, _, body = visitor.request("GET", "/admin/login/")
    assert status == 200 and b'name="csrfmiddlewaretoken"' in body
    visitor.cookies.pop("csrftoken", None)  # a cookie the browser lost
    status, _, body = visitor.request(
        "POST",
        "/admin/login/",
        body=b"username=x&password=y",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403
    assert assert_the_sites_error_page(body, "nb") == "Skjemaet er utløpt"
