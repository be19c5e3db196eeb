"""`make run`: the site as visitors get it, on this machine.

DEBUG off, so a missing page is the site's own 404 with the quick exit;
static files hashed and compressed (WhiteNoise, after collectstatic);
several gunicorn workers sharing one cache folder, so a publication is seen
by every worker at once; SQLite unless DATABASE_URL says otherwise; uploads
served by the app, as no web server is in front. `make dev` (dev.py) is the
auto-reloading server with DEBUG, for developers.
"""

import os
import secrets
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, STORAGES, env_list
from .mail import email_settings

# What make run keeps between starts: the secret key (so logins survive a
# restart) and the shared cache.
LOCAL_DIR = Path(os.environ.get("LOCAL_DIR", BASE_DIR / ".local"))


def _secret_key():
    """SECRET_KEY, or one made on the first start and kept, readable by its owner only."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = LOCAL_DIR / "secret_key"
    if not path.exists():
        LOCAL_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = False
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if not os.environ.get("REDIS_URL"):
    # A new dict: base's is shared with every settings module that imports it.
    CACHES = {
        **CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": LOCAL_DIR / "cache",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": LOCAL_DIR / "page-cache",
        },
    }
# No nginx in front: the app serves the uploaded images itself.
SERVE_MEDIA_FILES = True
# The address `make run` serves at (its PORT): in the links of the mails to
# staff and in the sitemap (staff/site_address.py).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or (
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
# Password resets and approval notices as files, one a mail, in .local/mail/.
globals().update(
    email_settings(
        os.environ.get("EMAIL_URL") or f"file://{LOCAL_DIR / 'mail'}?from=nettsted@localhost"
    )
)
