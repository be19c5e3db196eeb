"""Production: everything from the environment, nothing assumed.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, WAGTAILADMIN_BASE_URL, EMAIL_URL.
"""

from .base import *  # noqa: F403
from .base import env_list, require_env
from .mail import email_settings

SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [require_env("ALLOWED_HOSTS")]
require_env("DATABASE_URL")
WAGTAILADMIN_BASE_URL = require_env("WAGTAILADMIN_BASE_URL")
# Password resets and approval notices (kss_site/settings/mail.py).
globals().update(email_settings(require_env("EMAIL_URL"), require_sender=True))

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"  # noqa: F405
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# nginx sends a document once the app has said who may have it: the app
# answers with X-Accel-Redirect to this internal location (deploy/nginx/kss.conf).
DOCUMENTS_ACCEL_URL = os.environ.get("DOCUMENTS_ACCEL_URL", "/_documents/")  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "security.storage.MediaStorage"},
    # Hashed names and brotli/gzip copies, so browsers may cache for a year.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

if not os.environ.get("REDIS_URL"):  # noqa: F405
    # A new dict: base's is shared with every settings module that imports it.
    CACHES = {  # noqa: F405
        **CACHES,  # noqa: F405
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", "/var/tmp/kss-cache"),  # noqa: F405, S108
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR", "/var/tmp/kss-page-cache"),  # noqa: F405, S108
        },
    }
