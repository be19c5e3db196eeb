"""Hardening: production settings and headers, login protection, uploads,
failures and permissions."""

import copy
import importlib
import io
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.models import InternationalWorkPage, StandardPage
from tests.helpers import PRODUCTION_ENV

pytestmark = pytest.mark.django_db


def production_settings():
    with mock.patch.dict(os.environ, PRODUCTION_ENV):
        import kss_site.settings.production as production

        return importlib.reload(production)


def test_loading_production_settings_changes_nothing_in_the_running_site():
    """The settings modules share base's dicts (``from .base import *``): a
    module that changed one in place would change every other module's, and
    reading the production settings would move this process's cache to
    /var/tmp. Positive control: production's own value differs."""
    from django.conf import settings

    before = copy.deepcopy(settings.CACHES)
    production = production_settings()
    assert production.CACHES["default"]["BACKEND"].endswith("FileBasedCache")
    assert before == settings.CACHES
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_check_deploy_has_nothing_to_say_about_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={
            # The browser tests' async switch must not leak into a production check.
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "kss_site.settings.production",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_its_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "kss_site.settings.production"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_sends_staff_cookies_secure_httponly_and_samesite(client):
    production = production_settings()
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_SAMESITE",
    ]
    get_user_model().objects.create_superuser("sjef", password="riktig-passord-123")
    with override_settings(**{name: getattr(production, name) for name in names}):
        csrf = client.get(reverse("wagtailadmin_login"), secure=True).cookies["csrftoken"]
        login = client.post(
            reverse("wagtailadmin_login"),
            {"username": "sjef", "password": "riktig-passord-123"},
            secure=True,
        )
    assert login.status_code == 302
    session = login.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def test_every_public_response_carries_the_security_headers(client):
    production = production_settings()
    hsts = {
        name: getattr(production, name)
        for name in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")
    }
    with override_settings(**hsts):
        for path in ("/", "/en/partners/", "/finnes-ikke/", "/sok/?q=kypros", "/sitemap.xml"):
            response = client.get(path, secure=True)
            assert response["Strict-Transport-Security"] == (
                "max-age=31536000; includeSubDomains; preload"
            ), path
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["X-Frame-Options"] == "DENY"
            assert response["Referrer-Policy"] == "no-referrer"
            assert response["Cross-Origin-Opener-Policy"] == "same-origin"
            assert response["Cross-Origin-Resource-Policy"] == "same-origin"
            assert "default-src 'none'" in response["Content-Security-Policy"]


def test_hsts_only_in_production(client):
    assert "Strict-Transport-Security" not in client.get("/", secure=True)


def test_the_admin_can_frame_its_own_preview(client):
    response = client.get("/admin/login/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"


# --- Login protection -------------------------------------------------------


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_user(
        "redaktor", password="riktig-passord-123", is_staff=True
    )


def login(client, password, address):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": "redaktor", "password": password},
        REMOTE_ADDR=address,
    )


@override_settings(AXES_ENABLED=True)
def test_five_failures_lock_out_that_username_from_that_address(client, staff_user):
    staff_user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for _ in range(4):
        assert login(client, "feil", "198.51.100.7").status_code == 200
    # The fifth failure locks the pair out; the right password no longer helps.
    assert login(client, "feil", "198.51.100.7").status_code == 429
    locked = login(client, "riktig-passord-123", "198.51.100.7")
    assert locked.status_code == 429
    assert "For mange mislykkede innlogginger" in locked.content.decode()
    assert "quick-exit__button" in locked.content.decode()

    elsewhere = login(client, "riktig-passord-123", "198.51.100.8")
    assert elsewhere.status_code == 302


@pytest.mark.parametrize(
    "forwarded,expected",
    [
        ("203.0.113.9, 127.0.0.1", "203.0.113.9"),
        # What the client wrote before the proxies' entries is not believed.
        ("6.6.6.6, 203.0.113.9, 127.0.0.1", "203.0.113.9"),
        ("nonsense, 127.0.0.1", "127.0.0.1"),
        ("", "127.0.0.1"),
    ],
)
def test_behind_two_proxies_the_lockout_counts_the_address_the_first_one_saw(
    rf, forwarded, expected
):
    from security.client import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    with override_settings(PROXY_COUNT=2):
        assert client_address(request) == expected
    with override_settings(PROXY_COUNT=0):
        assert client_address(request) == "127.0.0.1"


def test_password_validators_are_on():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("passord")


# --- Uploads ------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("sjef", password="x"))
    return client


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def media_files():
    roots = (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    return {os.path.join(d, f) for root in roots for d, _, files in os.walk(root) for f in files}


@pytest.mark.parametrize(
    "name,content",
    [
        ("bombe.png", lambda: png(8000, 6000)),  # 48 megapixels, a few kilobytes
        ("for-stor.png", lambda: png(10, 10) + b"\0" * (10 * 1024 * 1024 + 1)),
        (
            "tegning.svg",
            lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
        ),
    ],
)
def test_a_refused_image_leaves_no_row_and_no_file(admin_client, name, content):
    before_rows, before_files = Image.objects.count(), media_files()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content()), "collection": 1},
    )
    assert response.status_code == 200
    assert Image.objects.count() == before_rows
    assert media_files() == before_files


@pytest.mark.parametrize(
    "name,content",
    [
        ("notat.txt", b"bare tekst"),
        ("stor.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1)),
        ("skript.html", b"<script>alert(1)</script>"),
    ],
)
def test_a_refused_document_leaves_no_row_and_no_file(admin_client, name, content):
    before_rows, before_files = Document.objects.count(), media_files()
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )
    assert response.status_code == 200
    assert Document.objects.count() == before_rows
    assert media_files() == before_files


def test_a_pdf_is_served_through_wagtail_with_nothing_allowed_to_run(admin_client, client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Rapport",
            "file": SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n%%EOF\n"),
            "collection": 1,
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="Rapport")
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"


# --- Failures -----------------------------------------------------------------


def test_a_database_that_cannot_be_reached_gets_a_503_and_the_site_recovers(client, caplog):
    client.raise_request_exception = False
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("could not connect to server"),
    ):
        response = client.get("/partnere/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Midlertidig utilgjengelig" in html
    assert "Traceback" not in html and "could not connect" not in html
    assert "quick-exit__button" in html
    assert any(r.levelname == "ERROR" for r in caplog.records)

    assert client.get("/partnere/").status_code == 200


# --- Permissions (in the spirit of Wagtail's security advisories) -----------


def editor_of(language_code, username):
    """An editor who may add, change, publish and delete pages in one
    language's tree only."""
    group = Group.objects.create(name=f"Bare {language_code}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    root = InternationalWorkPage.objects.get(locale__language_code=language_code)
    for codename in ("add_page", "change_page", "publish_page", "delete_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(group)
    return user


@pytest.fixture
def english_only_editor(client):
    user = editor_of("en", "engelsk")
    client.force_login(user)
    return user


@pytest.fixture
def norwegian_editor():
    """The same rights as english_only_editor, on the Norwegian tree."""
    return editor_of("nb", "norsk")


# Wagtail answers a denied admin request with a redirect to its dashboard, or,
# asked as JavaScript asks, with a 403: the tests ask that way, so that a
# denial is told apart from any other redirect.
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def denied(response):
    """A real denial: 403, or a redirect to the login page. Not any redirect."""
    if response.status_code == 403:
        return True
    login = reverse("wagtailadmin_login")
    return response.status_code == 302 and response["Location"].startswith(login)


def page_admin_requests(page):
    """``{name: (url, data to post or None)}``: what the admin's own forms send."""
    page.summary = "Andre versjon."
    second = page.save_revision()
    first = page.revisions.order_by("created_at").first()
    parent = page.get_parent()
    edit = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "Ny tekst.",
            "body": streamfield([]),
            "action-publish": "action-publish",
        }
    )
    # Destructive ones last: the positive control really unpublishes and deletes.
    return {
        "history": (reverse("wagtailadmin_pages:history", args=[page.pk]), None),
        "compare": (
            reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk]),
            None,
        ),
        "copy": (
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {
                "new_title": "Personvern kopi",
                "new_slug": "personvern-kopi",
                "new_parent_page": parent.pk,
                "copy_subpages": "",
                "publish_copies": "",
                "alias": "",
            },
        ),
        "move": (reverse("wagtailadmin_pages:move", args=[page.pk]), None),
        "edit": (reverse("wagtailadmin_pages:edit", args=[page.pk]), edit),
        "preview": (reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), edit),
        "unpublish": (reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {}),
        "delete": (reverse("wagtailadmin_pages:delete", args=[page.pk]), {}),
    }


def test_an_editor_without_rights_cannot_touch_a_page(client, english_only_editor):
    page = StandardPage.objects.get(slug="personvern")
    for name, (url, data) in page_admin_requests(page).items():
        assert denied(client.get(url, **XHR)), name
        if data is not None:
            assert denied(client.post(url, data, **XHR)), name
    page.refresh_from_db()
    assert page.live and page.summary != "Ny tekst." and Page.objects.filter(pk=page.pk)
    assert not Page.objects.filter(slug="personvern-kopi").exists()


def test_an_editor_with_rights_on_the_page_gets_the_same_requests_through(client, norwegian_editor):
    """The positive control of the test above: same requests, rights on the page."""
    client.force_login(norwegian_editor)
    page = StandardPage.objects.get(slug="personvern")
    for name, (url, _data) in page_admin_requests(page).items():
        response = client.get(url, **XHR)
        assert response.status_code == 200, (name, response.status_code)
    for name, (url, data) in page_admin_requests(page).items():
        if data is not None:
            response = client.post(url, data, **XHR)
            assert response.status_code in (200, 302) and not denied(response), name
            if name == "edit":
                assert StandardPage.objects.get(pk=page.pk).summary == "Ny tekst."
    assert Page.objects.filter(slug="personvern-kopi").exists()
    assert not Page.objects.filter(pk=page.pk).exists()  # the delete went through


OTHER_USERS_URLS = [
    ("wagtailusers_users:index", []),
    ("wagtailusers_users:edit", ["other"]),
    ("wagtailusers_groups:index", []),
    ("wagtailsettings:edit", ["pages", "sitesettings", 1]),
]


def other_users_urls():
    other = get_user_model().objects.create_superuser("andre", password="x")
    return [
        reverse(name, args=[other.pk if arg == "other" else arg for arg in args])
        for name, args in OTHER_USERS_URLS
    ]


def test_an_editor_cannot_reach_other_users(client, english_only_editor):
    for url in other_users_urls():
        assert denied(client.get(url, **XHR)), url


def test_an_administrator_reaches_the_same_user_pages(client):
    client.force_login(get_user_model().objects.create_superuser("sjef", password="x"))
    for url in other_users_urls():
        assert client.get(url, **XHR).status_code == 200, url


def test_a_page_form_sent_without_its_scripts_fields_is_a_400_and_saves_nothing(admin_client):
    """The page editor's scripts add the body's fields as the form is sent; the
    same form sent without them (scripts blocked, as under a wrong policy) is
    answered 400, and the page keeps its text. The positive control: with the
    body's fields, the same save goes through."""
    from wagtail.test.utils.form_data import querydict_from_html

    page = StandardPage.objects.get(slug="personvern")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    data["summary"] = "Endret uten skript."
    assert "body-count" not in data
    assert admin_client.post(url, data).status_code == 400
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary != "Endret uten skript."

    data.update(nested_form_data({"body": streamfield([])}))
    assert admin_client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().summary == "Endret uten skript."


def test_copying_a_page_without_choosing_where_is_a_400(admin_client):
    """Wagtail's copy form looks the new parent up before validating it: an
    empty choice is bad input (400), not a crash; with a parent it copies."""
    page = StandardPage.objects.get(slug="personvern")
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    data = {"new_title": "Personvern (kopi)", "new_slug": "personvern-kopi"}
    assert admin_client.post(url, {**data, "new_parent_page": ""}).status_code == 400
    assert not Page.objects.filter(slug="personvern-kopi").exists()
    parent = page.get_parent().pk
    assert admin_client.post(url, {**data, "new_parent_page": parent}).status_code == 302
    assert Page.objects.filter(slug="personvern-kopi").exists()


@override_settings(AXES_ENABLED=True)
def test_an_address_that_fails_on_many_accounts_is_stopped(client, staff_user):
    """Four guesses at each of many accounts stay under the per-account limit;
    the address as a whole is stopped at ADDRESS_FAILURE_LIMIT. The real user,
    from another address, still logs in; the guesser logging in to an account
    of its own does not wipe the address's count."""
    staff_user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    guesser = get_user_model().objects.create_user(
        "gjest", password="gjestens-passord-42", is_staff=True
    )
    guesser.user_permissions.add(*staff_user.user_permissions.all())

    def attempt(username, password, address="198.51.100.20"):
        return client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
        )

    limit = settings.ADDRESS_FAILURE_LIMIT
    statuses = [attempt(f"konto{n % 5}", "feil").status_code for n in range(limit - 1)]
    assert set(statuses) == {200}  # four an account, none locked yet
    assert attempt("gjest", "gjestens-passord-42").status_code == 302
    client.logout()
    assert attempt("konto9", "feil").status_code == 429  # the address's twentieth failure
    assert attempt("redaktor", "riktig-passord-123").status_code == 429
    # Positive control: from another address the same user logs in.
    assert attempt("redaktor", "riktig-passord-123", "198.51.100.21").status_code == 302
