"""Settings shared by every environment.

Safe by default: DEBUG is off, the secret key and allowed hosts come from the
environment, and nothing here opens the site up. ``dev`` and ``test`` relax
what they need; ``production`` tightens the rest.
"""

import os
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require_env(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Content: the shared page types, then one app per section.
    "pages",
    "reports",
    "partners",
    "conferences",
    # Infrastructure, apart from content (docs/development.md).
    "caching",
    "search",
    "roles",
    "staff",
    "seeding",
    "backup",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    # After Wagtail's apps: it replaces their permission policies for images
    # and documents in its ready() (security/permissions.py).
    "security",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Outermost, so that even an answer given before the rest of the chain
    # (a 400 for a wrong host, a 500 in a middleware) carries the security
    # headers (security/middleware.py).
    "security.middleware.SecurityHeadersMiddleware",
    # Whole pages for anonymous visitors, emptied on every publication
    # (caching/page_cache.py). Next, so that a stored page is answered before any
    # other middleware runs; what it stores already carries every header.
    "caching.page_cache.CacheRuleMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ itself: compressed, hashed, cached for a year.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the URL prefix alone decides the language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The Wagtail site and its front page from the cache too (caching/page_cache.py).
    "caching.page_cache.CachedSiteMiddleware",
    # Every list of a page asks one answer to "may a visitor see this?" (pages/visibility.py).
    "pages.visibility.VisibilityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Staff map old addresses to new ones in the admin (Innstillinger → Omdirigeringer).
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A form sent without the fields its scripts add, or with no page
    # chosen where one must be: 400, not 500.
    "security.middleware.MalformedFormMiddleware",
    # Last, as django-axes asks: it answers locked-out login attempts.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses locked-out ones before the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kss_site.urls"
WSGI_APPLICATION = "kss_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # The help lines of the error pages Django and axes render.
                "pages.errors.help_context",
            ],
        },
    },
]

# SQLite by default so a newcomer needs nothing installed; DATABASE_URL selects
# PostgreSQL (production and CI).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers (make run) write to one file: readers do not wait for
    # a writer (WAL), and a writer takes its lock when its transaction begins
    # rather than failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Norwegian Bokmål at the root, English under /en/.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", "Norsk"),
    ("en", "English"),
]
# Ours (makemessages), then Norwegian for strings of Wagtail's and Django's
# admin that their catalogues lack (written by hand: tests/test_admin_language.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
# The time zones staff may choose for the admin (Konto → Innstillinger):
# Debian's tz database also names its "localtime" file, which browsers do not
# know, and the account screen's script fails on it.
WAGTAIL_USER_TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime"})

WAGTAIL_I18N_ENABLED = True
# The languages of the content, as the admin names them in the editor's own
# language ("Engelsk"); the language switcher and the admin's own language
# choice name each language in itself (LANGUAGES).
WAGTAIL_CONTENT_LANGUAGES = [("nb", _("Norwegian")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
# The error pages nginx answers itself (pages/errors.py, deploy/nginx/kss.conf).
ERROR_PAGES_ROOT = STATIC_ROOT / "errors"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Documents are kept apart from MEDIA_ROOT, in a folder no web server serves:
# who may have one depends on the pages that link it (security/storage.py,
# security/files.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGES = {
    "default": {"BACKEND": "security.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Krisesentersekretariatet – internasjonalt arbeid"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The database backend, with per-language text-search configs on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}

# Reports are PDFs; nothing else belongs in the document library. Documents are
# served through Wagtail's view, which sends "Content-Security-Policy:
# default-src 'none'" so a PDF cannot run anything in the site's name.
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Images: no SVG (it can carry scripts); size and pixel count are checked from
# the file header before the image is decoded, so a decompression bomb is refused.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Replacing the file of an image or a document something live shows is for
# approvers (security/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.forms.DocumentForm"
# An approved change edited again must be approved again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Wagtail stores shared passwords in plain text: do not offer them.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# The page editor of a partner with many reports and blocks needs more than
# Django's default of 1 000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_ADMIN_PREFIX = "/admin/"

# Visitor safety: nothing from other hosts, nothing inline, no referrer.
# The Wagtail admin still uses inline scripts, so the strict policy covers the
# public site only; the admin has its own (ADMIN_CONTENT_SECURITY_POLICY).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [WAGTAIL_ADMIN_PREFIX],
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        # Same-origin fetches only; crawlers' audits (Lighthouse) read
        # /robots.txt from within the page.
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    },
}
# The Wagtail admin's own policy, sent by the app for /admin/
# (security/middleware.py) and passed through by nginx (deploy/nginx/kss.conf).
# Wagtail 8 still writes inline scripts (each chooser and date widget starts
# itself with one, and its modals bring theirs) and style attributes (the
# image chooser's preview), so both may be inline, but only this host's:
# nothing is fetched from, sent to or framed by another host.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        # Previews of a chosen or uploaded image before it is saved.
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The live preview is a frame of the admin's own.
        "frame-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# The admin asks no other host for anything: no Gravatar (it would send a hash
# of a staff member's e-mail address), no release check, no "what's new" banner
# leading to Wagtail's English guide (docs/safety.md).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Only staff and readers of restricted pages get a session, and only once
# they log in: it ends with the browser, and at the latest after 12 hours, so
# a shared device does not stay logged in. The CSRF cookie ends with the
# browser too (Django's default is a year). docs/safety.md lists them.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_AGE = None
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Login protection (django-axes): five failed attempts for one username from
# one address lock that pair out for a while; other addresses are unaffected.
# An address that fails twenty times, on any accounts, is locked out as well
# (security/lockout.py).
AXES_FAILURE_LIMIT = 5
ADDRESS_FAILURE_LIMIT = 20
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "security.lockout.AccountAndAddressHandler"
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
# Keep addresses out of the logs (they stay in the attempts table, for the
# lockout, and go when the lockout would end), and keep no log of logins with
# their addresses: the privacy statement says so.
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True
# Behind the production proxies (nginx and Varnish: 2) the visitor's address
# is the one they added to X-Forwarded-For (security/client.py).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "security.client.client_address"

# The page cache ("pages", caching/page_cache.py) must be shared by every
# worker, or a publication seen by one worker would leave the others serving
# the old page: Redis (django-redis) when REDIS_URL is set, otherwise local
# memory (one process, as in the tests). local.py and production.py fall back
# to a folder all workers on the machine share. Short timeouts, so that no
# request waits long for a Redis that hangs. The page cache sees Redis's
# errors (a change Redis did not take is tried again); the default cache,
# for Wagtail's own uses, takes Redis being away as a miss.
if os.environ.get("REDIS_URL"):
    _REDIS = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
    }
    CACHES = {
        # A miss costs Wagtail a query or two, so a request waits 50 ms at
        # most for each of its lookups while Redis hangs (the page cache's
        # breaker spares it the rest; this one has none).
        "default": {
            **_REDIS,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.05,
                "SOCKET_TIMEOUT": 0.05,
                "IGNORE_EXCEPTIONS": True,
            },
        },
        "pages": _REDIS,
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
# Wagtail looks up an image's renditions in the "renditions" cache before the
# database. In each process's memory: a lookup in Redis would cost a round
# trip per image on every render. Safe to keep apart per process, as the key
# names the image's file hash and the crop, so a changed image is a new key.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",  # not the store of a local-memory default cache
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# A restore refuses an archive that would unpack to more than this
# (backup/archive.py): an archive of a few megabytes can hold gigabytes.
BACKUP_RESTORE_MAX_BYTES = int(os.environ.get("BACKUP_RESTORE_MAX_BYTES", 20 * 1024**3))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "60"))

# A front cache (Varnish, deploy/varnish/kss.vcl) is purged after every change
# when VARNISH_URL names it (caching/invalidation.py, caching/front_cache.py);
# several Varnish servers are separated by commas. The frontend_cache app is
# deliberately not installed: its signal handlers purge before the
# transaction commits, page by page. Translated pages have their own slugs, so
# Wagtail's guessing of other languages' addresses is off.
WAGTAILFRONTENDCACHE = {
    f"varnish{n}": {"BACKEND": "caching.front_cache.VarnishBackend", "LOCATION": location}
    for n, location in enumerate(env_list("VARNISH_URL"), start=1)
}
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Background tasks: the purges (caching/tasks.py) and Wagtail's own (the
# search and reference indexes, deleting the files of deleted images and
# documents). In the site's database, run by `manage.py db_worker` beside the
# app (make run, make stack, docs/deployment.md). The database rather than RQ
# on Redis: the tasks that repair a Redis outage must not wait in Redis, and
# a task Wagtail queues during a change commits or rolls back with it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Background tasks and Wagtail's audit messages are in the admin's history
        # already; on stdout they drown everything else.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Django's request logger writes the path and query string of every
        # 4xx/5xx; raise it so search terms do not end up in the logs.
        "django.request": {"level": "ERROR"},
    },
}
