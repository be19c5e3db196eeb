"""`make stack`: the documented production stack from the checkout, on
loopback, with two app nodes, tested through nginx as a visitor's requests
go (the session's stack: tests/stack.py). Staff's work in the admin through
it, in Chromium, is tests/test_admin_stack.py.

The last test here brings the stack down: test files that use it sort
before this one."""

import os
import subprocess
import time

import pytest

from tests.stack import Visitor, get, shell

pytestmark = pytest.mark.stack


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def pids(stack):
    return {p.stem: int(p.read_text()) for p in (stack.folder / "pids").glob("*.pid")}


def test_make_stack_brings_the_stack_up_and_says_where(stack):
    assert stack.up.returncode == 0, stack.up.stdout[-3000:] + stack.up.stderr[-3000:]
    assert f"Stack up: http://127.0.0.1:{stack.port}/" in stack.up.stdout
    names = set(pids(stack))
    assert names == {
        *("postgres", "redis", "node1", "node2", "worker", "scheduler", "varnish", "nginx")
    }
    assert all(alive(pid) for pid in pids(stack).values())


def test_pages_come_through_nginx_and_varnish(stack):
    status, headers, body = get(stack.port, "/partnere/kypros/")
    assert status == 200 and b"SPAVO" in body
    assert "s-maxage" in headers["Cache-Control"]
    hits = settled(lambda: varnish_stat(stack, "cache_hit"))
    get(stack.port, "/partnere/kypros/?utm_source=nyhetsbrev")
    assert eventually(lambda: varnish_stat(stack, "cache_hit"), hits + 1) == hits + 1
    status, _, _ = get(stack.port, "/static/favicon.svg")
    assert status == 200
    assert get(stack.port, "/admin/login/")[0] == 200


def test_nobody_purges_through_nginx(stack):
    for method in ("PURGE", "BAN"):
        assert get(stack.port, "/partnere/kypros/", method=method)[0] in (403, 405)
    # The positive control: the application machine itself may, at Varnish.
    assert get(stack.state["varnish"], "/partnere/kypros/", method="PURGE")[0] == 200


def settled(read, seconds=3.0):
    """A count once Varnish has added what earlier requests' threads still
    held (see ``eventually``): the same value twice, half a second apart."""
    deadline = time.monotonic() + seconds
    value = read()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        again = read()
        if again == value:
            break
        value = again
    return value


def eventually(read, expected, seconds=3.0):
    """Varnish adds a worker thread's counts to its totals when the thread has
    nothing to do, which through nginx's kept-alive connections may be a
    moment later: the value once it is the one expected, or the last one."""
    deadline = time.monotonic() + seconds
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        value = read()
    return value


def varnish_stat(stack, name):
    out = subprocess.run(
        ["varnishstat", "-n", str(stack.folder / "varnish"), "-1", "-f", f"MAIN.{name}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.split()[1])


def healthy(stack):
    """The app nodes Varnish's director sends to (scripts/stack.py healthy)."""
    return set(stack.run("healthy").stdout.split())


def test_a_node_stopped_costs_no_request_and_rejoins(stack):
    paths = ["/sok/?q=kypros", "/rapporter/?kind=report", "/partnere/", "/en/search/?q=cyprus"]
    assert stack.run("stop", "node1").returncode == 0
    statuses = [get(stack.port, paths[n % len(paths)])[0] for n in range(60)]
    assert statuses == [200] * 60
    assert stack.run("start-node", "1").returncode == 0
    deadline = time.monotonic() + 5
    while "node1" not in healthy(stack):
        assert time.monotonic() < deadline, "node 1 did not rejoin the director in 5 s"
        time.sleep(0.2)


def test_a_publication_through_one_node_shows_through_nginx_within_a_second(stack):
    assert b"SPAVO" in get(stack.port, "/partnere/kypros/")[2]
    script = (
        "from partners.models import PartnerPage;"
        "p = PartnerPage.objects.get(slug='kypros');"
        "p.summary = 'Publisert gjennom stabelen.';"
        "p.save_revision().publish()"
    )
    assert stack.run("manage", "shell", "-c", script).returncode == 0
    published = time.monotonic()
    while b"Publisert gjennom stabelen." not in get(stack.port, "/partnere/kypros/")[2]:
        assert time.monotonic() - published < 1, "not visible through nginx within 1 s"
        time.sleep(0.05)


def test_the_front_pages_map_follows_a_publication_through_nginx_and_varnish(stack):
    """The map and timeline are made from the content (pages/world/): a partner
    published in a new country is on the front page through nginx within a
    second, though Varnish kept the page; one published behind a login never is."""
    assert b"/partnere/kenya/" not in get(stack.port, "/")[2]
    hits = settled(lambda: varnish_stat(stack, "cache_hit"))
    assert b"/partnere/kenya/" not in get(stack.port, "/")[2]
    assert eventually(lambda: varnish_stat(stack, "cache_hit"), hits + 1) == hits + 1

    def publish(slug, country, restricted):
        shell(
            stack,
            "from wagtail.models import PageViewRestriction;"
            "from partners.models import PartnerIndexPage, PartnerPage;"
            "parent = PartnerIndexPage.objects.get(locale__language_code='nb');"
            f"p = PartnerPage(title='{slug}', slug='{slug}', country='{country}',"
            f" organisation_name='Organisasjon {slug}', start_year=2019, live=False);"
            "parent.add_child(instance=p);"
            + (
                "PageViewRestriction.objects.create(page=p, restriction_type='login');"
                if restricted
                else ""
            )
            + "p.save_revision().publish()",
        )
        return time.monotonic()

    published = publish("kenya", "KE", restricted=False)
    while b'<a href="/partnere/kenya/">Kenya</a>' not in get(stack.port, "/")[2]:
        assert time.monotonic() - published < 1, "the map did not follow within 1 s"
        time.sleep(0.05)
    published = publish("uganda", "UG", restricted=True)
    time.sleep(1.5)
    body = get(stack.port, "/")[2]
    assert b"/partnere/uganda/" not in body and b"Uganda" not in body
    # The positive control: the page was rendered again and still has Kenya.
    assert b'<a href="/partnere/kenya/">Kenya</a>' in body
    assert b"Organisasjon kenya" in body  # on the timeline too


# --- Private stays private, through the stack (docs/safety.md) ---------------


def test_a_document_follows_its_report_through_nginx(stack):
    url = shell(
        stack,
        "from django.core.files.base import ContentFile;"
        "from wagtail.documents.models import Document;"
        "from wagtail.models import Collection;"
        "from reports.models import Report;"
        "d = Document(title='Utkast', collection=Collection.get_first_root_node());"
        "d.file.save('utkast.pdf', ContentFile(b'%PDF-1.4 utkast'), save=True);"
        "r = Report.objects.filter(locale__language_code='nb', live=True).first();"
        "r.document = d; r.save_revision(); print(d.url)",
    )
    visitor = Visitor(stack)
    # The report's live version does not link it yet: nowhere to be had.
    name = url.rsplit("/", 1)[-1]
    for path in (url, f"/media/documents/{name}", f"/_documents/documents/{name}"):
        assert visitor.request("GET", path)[0] == 404, path
    shell(
        stack,
        "from reports.models import Report;"
        "r = Report.objects.filter(locale__language_code='nb', live=True).first();"
        "r.latest_revision.publish()",
    )
    status, headers, body = visitor.request("GET", url)
    assert status == 200 and body == b"%PDF-1.4 utkast"
    assert headers["content-security-policy"] == "default-src 'none'"
    assert "x-accel-redirect" not in headers
    # Sent as it is, by its name; HEAD gets the headers alone.
    assert "content-encoding" not in headers
    assert 'filename="utkast.pdf"' in headers["content-disposition"]
    status, headers, body = visitor.request("HEAD", url)
    assert status == 200 and body == b"" and headers["content-length"] == "15"
    assert "content-encoding" not in headers
    # Still not under /media/, nor nginx's internal location.
    assert visitor.request("GET", f"/media/documents/{name}")[0] == 404
    assert visitor.request("GET", f"/_documents/documents/{name}")[0] == 404


def test_every_answer_through_nginx_carries_the_security_headers(stack):
    from security.middleware import PERMISSIONS_POLICY

    visitor = Visitor(stack)
    answers = {
        "page": visitor.request("GET", "/partnere/kypros/"),
        "404": visitor.request("GET", "/finnes-ikke/"),
        "static": visitor.request("GET", "/static/favicon.svg"),
        "wrong host, 400": visitor.request("GET", "/", headers={"Host": "angriper.example"}),
        "PURGE, 405": visitor.request("PURGE", "/partnere/kypros/"),
        "too large, 413": visitor.request("POST", "/sok/", b"x" * (2 * 1024 * 1024)),
        "admin": visitor.request("GET", "/admin/login/"),
    }
    assert [status for status, _, _ in answers.values()] == [200, 404, 200, 400, 405, 413, 200]
    for what, (_status, headers, _body) in answers.items():
        assert headers.get("permissions-policy") == PERMISSIONS_POLICY, what
        assert headers.get("x-content-type-options") == "nosniff", what
        assert headers.get("cross-origin-resource-policy") == "same-origin", what
        policy = headers.get("content-security-policy", "")
        assert "default-src 'none'" in policy, what
        # The admin's own policy, passed through by nginx: its scripts run.
        # Elsewhere the strict one, the app's or nginx's where it sent none.
        if what == "admin":
            assert "script-src 'self' 'unsafe-inline'" in policy, policy
        else:
            assert "unsafe-inline" not in policy, what
        expected = "SAMEORIGIN" if what == "admin" else "DENY"
        assert headers.get("x-frame-options") == expected, what


def test_the_uploaders_raw_file_is_never_under_media_and_the_photo_is_clean(stack):
    """Wagtail's multiple uploader keeps a photo whose form fails as a pending
    upload: nginx's /media/ does not have it, on disk or by address. Finished,
    the image's original and its rendition, as nginx serves them, carry no
    location; the raw file is gone."""
    import json
    import re

    from tests.helpers import assert_no_metadata, photo_with_metadata

    staff = Visitor(stack)
    assert staff.log_in("admin", "stack-test-passord-42")[0] == 302
    status, _, body = staff.post_form(
        "/admin/images/multiple/add/",
        {"title": "x" * 300},  # fails on the title, not on the file
        files=[("files[]", "kontor-i-storgata.jpg", photo_with_metadata("JPEG"))],
    )
    assert status == 200
    answer = json.loads(body)
    assert "uploaded_file_id" in answer, answer  # kept pending, not an image yet
    pending = shell(
        stack,
        f"from wagtail.models import UploadedFile;"
        f"print(UploadedFile.objects.get(pk={answer['uploaded_file_id']}).file.name)",
    )
    assert pending.startswith("wagtail_uploads/")
    assert not list((stack.folder / "media").rglob("kontor-i-storgata*"))
    assert (stack.folder / "private" / pending).is_file()
    assert staff.request("GET", f"/media/{pending}")[0] == 404

    upload = answer["uploaded_file_id"]
    finish = f"/admin/images/multiple/create_from_uploaded_image/{upload}/"
    status, _, body = staff.post_form(
        finish,
        {
            f"uploaded-image-{upload}-title": "Kontoret",
            f"uploaded-image-{upload}-description": "Et kontor",
            f"uploaded-image-{upload}-collection": "1",
            f"uploaded-image-{upload}-tags": "",
        },
    )
    assert status == 200 and json.loads(body)["success"], body[:2000]
    original, rendition = shell(
        stack,
        "from wagtail.images.models import Image;"
        "i = Image.objects.get(title='Kontoret');"
        "print(i.file.url, i.get_rendition('width-400|format-jpeg').url)",
    ).split()
    for where, url in (("the original", original), ("a rendition", rendition)):
        status, headers, data = Visitor(stack).request("GET", url)
        assert status == 200 and headers["content-type"].startswith("image/"), where
        assert_no_metadata(data, where)
    assert not (stack.folder / "private" / pending).exists()
    raw = [p.name for p in (stack.folder / "media").rglob("kontor-i-storgata*")]
    assert all(re.match(r"kontor-i-storgata.*\.(jpg|jpeg)$", name) for name in raw), raw


def test_uploads_up_to_the_apps_limits_pass_nginx(stack):
    staff = Visitor(stack)
    assert staff.log_in("admin", "stack-test-passord-42")[0] == 302
    pdf = b"%PDF-1.4\n" + b"0" * (15 * 1024 * 1024) + b"\n%%EOF\n"
    status, _, _ = staff.post_form(
        "/admin/documents/add/",
        {"title": "Stor rapport", "collection": "1"},
        files=[("file", "stor-rapport.pdf", pdf)],
    )
    assert status == 302
    assert (
        shell(
            stack,
            "from wagtail.documents.models import Document;"
            "print(Document.objects.filter(title='Stor rapport').count())",
        )
        == "1"
    )
    too_large = b"%PDF-1.4\n" + b"0" * (22 * 1024 * 1024)
    status, headers, _ = staff.post_form(
        "/admin/documents/add/",
        {"title": "For stor", "collection": "1"},
        files=[("file", "for-stor.pdf", too_large)],
    )
    assert status == 413 and "permissions-policy" in headers


def test_five_failures_lock_that_username_from_that_address_only(stack):
    shell(
        stack,
        "from django.contrib.auth.models import Group;"
        "from django.contrib.auth import get_user_model;"
        "u = get_user_model().objects.create_user('stabelredaktor', password='riktig-passord-42');"
        "u.groups.add(Group.objects.get(name='Redaktører'))",
    )
    guesser = Visitor(stack, "127.0.0.2")
    statuses = [guesser.log_in("stabelredaktor", "feil")[0] for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    # Locked: the right password from that address does not help ...
    assert guesser.log_in("stabelredaktor", "riktig-passord-42")[0] == 429
    # ... from another address it logs in, even one that claims to be the
    # locked address (what a client writes in X-Forwarded-For is not believed).
    elsewhere = Visitor(stack, "127.0.0.3")
    assert elsewhere.log_in("stabelredaktor", "riktig-passord-42")[0] == 302
    claims = Visitor(stack, "127.0.0.4")
    claims.request("GET", "/admin/login/")
    spoofed = claims.post_form(
        "/admin/login/", {"username": "stabelredaktor", "password": "riktig-passord-42"}
    )
    assert spoofed[0] == 302
    # And another user from the guessing address is not locked.
    assert Visitor(stack, "127.0.0.2").log_in("admin", "stack-test-passord-42")[0] == 302


def test_an_address_guessing_at_many_accounts_is_stopped(stack):
    """Four guesses at each of five accounts stay under the per-account
    limit; the address nginx saw is stopped at its twentieth failure, for
    every account. The same account from another address logs in."""
    guesser = Visitor(stack, "127.0.0.6")
    statuses = [guesser.log_in(f"konto{n % 5}", "feil")[0] for n in range(19)]
    assert set(statuses) == {200}
    assert guesser.log_in("konto0", "feil")[0] == 429
    assert guesser.log_in("admin", "stack-test-passord-42")[0] == 429
    assert Visitor(stack, "127.0.0.7").log_in("admin", "stack-test-passord-42")[0] == 302


def test_production_mails_a_password_reset_through_the_stack(stack):
    """EMAIL_URL (file:// in make stack) reaches the mail out: a reset asked
    through nginx is a mail with a link that opens the form for a new password."""
    import re

    shell(
        stack,
        "from django.contrib.auth import get_user_model;"
        "get_user_model().objects.create_user('glemsk', email='glemsk@kss.example.org',"
        " password='gammelt-passord-42')",
    )
    mail = stack.folder / "mail"
    before = set(mail.glob("*")) if mail.exists() else set()
    visitor = Visitor(stack, "127.0.0.5")
    status, _, _ = visitor.post_form("/admin/password_reset/", {"email": "glemsk@kss.example.org"})
    assert status == 302
    (sent,) = set(mail.glob("*")) - before
    message = sent.read_text()
    assert "To: glemsk@kss.example.org" in message
    link = re.search(r"http://[^/\s]+(/admin/password_reset/confirm/\S+)", message).group(1)
    status, _, body = visitor.request("GET", link)
    if status == 302:  # Django moves the token out of the address first
        status, _, body = visitor.request("GET", link.rsplit("/", 2)[0] + "/set-password/")
    assert status == 200 and b'name="new_password1"' in body


def test_a_restore_leaves_no_cache_serving_the_site_that_was(stack):
    backups = stack.folder / "backups"
    result = stack.run("manage", "backup", "--dir", str(backups))
    assert result.returncode == 0, result.stderr[-2000:]
    (archive,) = backups.glob("kss-*.tar.gz")
    assert archive.stat().st_mode & 0o777 == 0o600
    shell(
        stack,
        "from partners.models import PartnerPage;"
        "p = PartnerPage.objects.get(slug='kypros');"
        "p.summary = 'Endret etter sikkerhetskopien.';"
        "p.save_revision().publish()",
    )
    visitor = Visitor(stack)
    assert b"Endret etter sikkerhetskopien." in visitor.request("GET", "/partnere/kypros/")[2]
    # No terminal: --yes, as a timer would run it.
    result = stack.run("manage", "restore", str(archive), "--yes")
    assert result.returncode == 0, result.stderr[-2000:]
    assert b"Endret etter sikkerhetskopien." not in visitor.request("GET", "/partnere/kypros/")[2]


def test_the_mails_to_staff_lead_to_the_address_the_stack_serves(stack):
    """The notices written to .stack/mail/ link to the stack's address
    (STACK_PORT) through nginx, and each link opens its screen."""
    from tests.stack import assert_notices_lead_where_they_say

    followed = assert_notices_lead_where_they_say(
        stack.port, lambda script: shell(stack, script), stack.folder / "mail", "nettsted@localhost"
    )
    assert any("/edit/" in path for path in followed)
    assert f"http://127.0.0.1:{stack.port}/partnere/" in get(stack.port, "/sitemap.xml")[2].decode()


# Last: it brings the session's stack down.
def test_make_stack_down_stops_every_process(stack):
    before = pids(stack)
    down = stack.run("down")
    assert down.returncode == 0
    assert not any(alive(pid) for pid in before.values())
    assert not list((stack.folder / "pids").glob("*.pid"))
