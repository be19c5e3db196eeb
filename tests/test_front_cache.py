"""Varnish follows the same rule and the same invalidation as the app's cache:
it keeps what the application marks as shared, keyed on host, scheme and
path, drops parameters no page reads, and forgets exactly what a change
touched once it commits, even when it did not answer at the time.

Most tests run against Debian's Varnish with deploy/varnish/kss.vcl (the
``varnish`` fixture); the first ones record what would be sent."""

import contextlib
import http.client
import socket
import threading
import time
import urllib.parse
import urllib.request

import pytest
from django.db import transaction
from wagtail.models import Site

from caching.addresses import TRACKING
from caching.front_cache import DEADLINE, VarnishBackend
from pages.models import SiteSettings, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report
from tests.helpers import publish_page_with_image


class RecordingBackend(VarnishBackend):
    """Keeps what it is asked to send instead of sending it."""

    sent = []

    def send(self, method, path, timeout=None):
        self.sent.append((method, path))


@pytest.fixture
def purged(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.test_front_cache.RecordingBackend", "LOCATION": "x"}
    }
    RecordingBackend.sent = []

    class Purges:
        def __call__(self):
            return {path for method, path in RecordingBackend.sent if method == "PURGE"}

        def everything(self):
            return ("BAN", "/") in RecordingBackend.sent

        def requests(self):
            return len(RecordingBackend.sent)

        def on_commit(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Purges()


@pytest.mark.django_db
def test_publishing_a_partner_purges_it_its_parents_translations_and_lists(purged):
    page = PartnerPage.objects.get(slug="kypros")
    with purged.on_commit():
        page.summary = "Ny tekst."
        page.save_revision().publish()
    for expected in (
        "/partnere/kypros/",
        "/partnere/",
        "/",
        "/en/partners/cyprus/",
        "/rapporter/",  # its filter names the partner
        "/feed.atom",
        "/en/feed.atom",
        "/sitemap.xml",
    ):
        assert expected in purged(), expected
    # Not every page: an unrelated partner keeps its cached copy.
    assert "/partnere/estland/" not in purged() and not purged.everything()


@pytest.mark.django_db
def test_a_change_to_what_every_page_shows_bans_everything(purged):
    section = PartnerIndexPage.objects.get(slug="partnere")  # in the main menu
    with purged.on_commit():
        section.title = "Partnerne våre"
        section.save_revision().publish()
    assert purged.everything()

    RecordingBackend.sent = []
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    with purged.on_commit():
        site_settings.helpline_number = "116 123"
        site_settings.save()
    assert purged.everything()


@pytest.mark.django_db
def test_a_saved_draft_purges_nothing(purged):
    page = PartnerPage.objects.get(slug="kypros")
    report = Report.objects.filter(related_page=page).first()
    with purged.on_commit():
        page.save_revision()
        report.save_revision()
    assert purged.requests() == 0


@pytest.mark.django_db
def test_a_report_purges_its_archive_and_the_page_it_belongs_to(purged):
    report = Report.objects.filter(locale__language_code="nb", related_page__isnull=False).first()
    owner = report.related_page
    with purged.on_commit():
        report.summary = "Endret."
        report.save_revision().publish()
    assert "/rapporter/" in purged() and owner.url in purged()
    assert "/en/reports/" not in purged()


@pytest.mark.django_db
def test_conference_calendars_are_purged_with_their_pages(purged):
    from conferences.models import ConferencePage

    page = ConferencePage.objects.get(slug="nordisk-forum-2014")
    with purged.on_commit():
        page.save_revision().publish()
    assert {"/konferanser/nordisk-forum-2014/kalender.ics", "/konferanser/kalender.ics"} <= purged()


@pytest.mark.django_db
def test_changing_an_image_purges_the_pages_that_show_it(purged):
    from wagtail.images.models import Image

    with purged.on_commit():
        path = publish_page_with_image()
    image = Image.objects.get(title="Konferansesal")
    RecordingBackend.sent = []
    with purged.on_commit():
        image.description = "Salen etter åpningen"
        image.save()
    assert path in purged()
    assert "/partnere/kypros/" not in purged()


@pytest.mark.django_db
def test_what_a_change_takes_away_is_purged_too(purged):
    """The old address of a renamed page, a withdrawn page, a deleted one."""
    page = PartnerPage.objects.get(slug="kypros")
    page.slug = "kypros-spavo"
    with purged.on_commit():
        page.save_revision().publish()
    assert {"/partnere/kypros/", "/partnere/kypros-spavo/"} <= purged()

    RecordingBackend.sent = []
    estonia = PartnerPage.objects.get(slug="estland")
    with purged.on_commit():
        estonia.unpublish()
    assert "/partnere/estland/" in purged()

    RecordingBackend.sent = []
    with purged.on_commit():
        PartnerPage.objects.get(slug="sor-afrika").delete()
    assert {"/partnere/sor-afrika/", "/partnere/"} <= purged()


@pytest.mark.django_db
def test_a_purge_lost_to_a_rollback_does_not_hold_back_the_next(purged):
    page = PartnerPage.objects.get(slug="kypros")
    with purged.on_commit(), contextlib.suppress(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("the publication fails after the signal")
    assert purged() == set()
    page = PartnerPage.objects.get(slug="kypros")  # as it is after the rollback
    with purged.on_commit():
        page.save_revision().publish()
    assert "/partnere/kypros/" in purged()


@pytest.mark.django_db
def test_deleting_a_section_bans_once(purged):
    with purged.on_commit():
        PartnerIndexPage.objects.get(slug="partnere").delete()
    assert purged.everything() and purged.requests() == 1


@pytest.mark.django_db
def test_nothing_is_queued_without_a_front_cache(
    settings, django_capture_on_commit_callbacks, queue
):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=True):
        PartnerPage.objects.get(slug="kypros").save_revision().publish()
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.filter(task_path__startswith="caching.").exists()
    # The positive control: with one, the purge is queued.
    use(settings, "http://127.0.0.1:9")
    with django_capture_on_commit_callbacks(execute=True):
        PartnerPage.objects.get(slug="kypros").save_revision().publish()
    assert DBTaskResult.objects.filter(task_path="caching.tasks.purge_front").exists()


@pytest.mark.django_db
def test_only_anonymous_pages_are_marked_for_shared_caches(client, django_user_model):
    page = client.get("/partnere/kypros/")
    assert "public" in page["Cache-Control"] and "s-maxage=" in page["Cache-Control"]
    for path in ("/sok/?q=kypros", "/rapporter/?kind=annual_report", "/finnes-ikke/"):
        response = client.get(path)
        assert "s-maxage" not in response.get("Cache-Control", ""), path
        assert "private" in response.get("Cache-Control", ""), path
    staff = django_user_model.objects.create_superuser("redaktor", password="x" * 20)
    client.force_login(staff)
    assert "s-maxage" not in client.get("/partnere/kypros/").get("Cache-Control", "")


@pytest.mark.django_db
def test_taking_a_section_out_of_the_menu_bans_everything(purged):
    section = PartnerIndexPage.objects.get(slug="partnere")
    section.show_in_menus = False
    with purged.on_commit():
        section.save_revision().publish()
    assert purged.everything()


# --- Through a real Varnish ---------------------------------------------------


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own)
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return response.read().decode()


def status(url):
    """The status of ``url`` itself, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    connection.request("GET", parts.path, headers={"Host": "localhost"})
    code = connection.getresponse().status
    connection.close()
    return code


def use(settings, location):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "caching.front_cache.VarnishBackend", "LOCATION": location}
    }


def wait_until(check, seconds=1.0):
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_publication_is_visible_through_varnish_within_a_second(varnish, settings, bench_report):
    base, stat = varnish
    use(settings, base)
    assert "Kypros" in fetch(base + "/partnere/kypros/")
    hits = stat("cache_hit")
    fetch(base + "/partnere/kypros/")
    assert stat("cache_hit") == hits + 1, "Varnish did not keep the page"

    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Publisert akkurat nå."
    started = time.monotonic()
    page.save_revision().publish()
    wait_until(lambda: "Publisert akkurat nå." in fetch(base + "/partnere/kypros/"))
    bench_report(
        "publication visible through Varnish after (s)", round(time.monotonic() - started, 3)
    )
    # The partner list (a parent) was purged as well.
    assert "Publisert akkurat nå." in fetch(base + "/partnere/")


def test_a_withdrawn_or_deleted_top_level_page_leaves_varnish_at_once(varnish, settings):
    base, _stat = varnish
    use(settings, base)
    from pages.models import InternationalWorkPage

    home = InternationalWorkPage.objects.get(locale__language_code="nb")
    page = StandardPage(title="Offentlig", slug="offentlig", summary="Til alle.")
    home.add_child(instance=page)
    page.save_revision().publish()
    for path in ("/personvern/", "/offentlig/"):
        assert status(base + path) == 200
        assert status(base + path) == 200  # now from Varnish
    StandardPage.objects.get(slug="personvern").unpublish()
    page.delete()
    wait_until(lambda: status(base + "/personvern/") == 404)
    wait_until(lambda: status(base + "/offentlig/") == 404)


def test_a_renamed_page_does_not_keep_answering_at_its_old_address(varnish, settings):
    base, _stat = varnish
    use(settings, base)
    assert "SPAVO" in fetch(base + "/partnere/kypros/")
    page = PartnerPage.objects.get(slug="kypros")
    page.slug = "kypros-spavo"
    page.save_revision().publish()
    wait_until(lambda: status(base + "/partnere/kypros/") != 200)


@pytest.mark.parametrize(
    "name", ["utm_source", "utm_campaign", "fbclid", "gclid", "mc_cid", "mc_eid", "msclkid"]
)
def test_a_tracking_parameter_is_a_hit_in_varnish(varnish, name):
    base, stat = varnish
    assert TRACKING.match(name), "the app drops it too"
    fetch(base + "/partnere/kypros/")
    hits = stat("cache_hit")
    fetch(base + f"/partnere/kypros/?{name}=nyhetsbrev")
    fetch(base + f"/partnere/kypros/?a=1&{name}=x")  # a parameter that counts: not a hit
    assert stat("cache_hit") == hits + 1


def test_varnish_keeps_a_copy_per_host_and_scheme(varnish):
    """The first requester's host must not end up in another host's feed."""
    base, stat = varnish
    first = fetch(base + "/feed.atom", Host="127.0.0.1")
    other = fetch(base + "/feed.atom", Host="localhost")
    assert first != other or "127.0.0.1" not in other
    hits = stat("cache_hit")
    fetch(base + "/feed.atom", Host="localhost")
    fetch(base + "/feed.atom", Host="localhost", **{"X-Forwarded-Proto": "https"})
    assert stat("cache_hit") == hits + 1


def test_varnish_never_stores_search_results_or_staff_pages(varnish):
    base, stat = varnish
    for _ in range(2):
        fetch(base + "/sok/?q=kypros")
        fetch(base + "/partnere/kypros/", Cookie="sessionid=abc")
    assert stat("cache_hit") == 0


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers: a hanging Varnish."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture
def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("fault", ["silent_server", "closed_port"])
def test_a_varnish_that_does_not_answer_holds_up_nothing_and_the_queue_delivers(
    varnish, settings, request, fault, queue
):
    """The publication waits for no Varnish: the purge is queued. The worker
    tries, fails within DEADLINE and queues it again; once Varnish answers,
    the next try gets through."""
    base, _stat = varnish
    assert "SPAVO" in fetch(base + "/partnere/kypros/")
    use(settings, request.getfixturevalue(fault))
    page = PartnerPage.objects.get(slug="kypros")
    page.summary = "Publisert mens Varnish sov."
    started = time.monotonic()
    page.save_revision().publish()
    assert time.monotonic() - started < 1.0, "the publication waited for Varnish"
    queue.run(seconds=DEADLINE + 1)
    assert queue.waiting() == 1, "tried, failed and queued again"
    assert "Publisert mens Varnish sov." not in fetch(base + "/partnere/kypros/")

    # Varnish answers again: the queued purge reaches it.
    use(settings, base)
    queue.run(seconds=10)
    assert queue.waiting() == 0
    assert "Publisert mens Varnish sov." in fetch(base + "/partnere/kypros/")


def test_purges_are_refused_from_elsewhere(varnish):
    """Varnish's own ACL: a PURGE from an address not in acl purgers is 405.
    The positive control is every test above, whose purges come from 127.0.0.1."""
    base, _stat = varnish
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.2", 0)) as s:
        s.sendall(b"PURGE /partnere/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        assert s.recv(64).split()[1] == b"405"
