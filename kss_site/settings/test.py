"""Fast, isolated settings for the test suite."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# The address in the links of mails and the sitemap (staff/site_address.py).
WAGTAILADMIN_BASE_URL = "http://localhost"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = SERVER_EMAIL = "nettsted@kss.example.org"
# pytest-xdist runs the suite in several processes (gw0, gw1, ...): each has
# its own upload folders, as it has its own test database.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
MEDIA_ROOT = BASE_DIR / "build" / _WORKER / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "build" / _WORKER / "test-private-media"  # noqa: F405
# Browser tests show uploaded images, so the live server serves /media/ too.
SERVE_MEDIA_FILES = True
# Login protection is switched on in its own tests; elsewhere tests log in freely.
AXES_ENABLED = False
# Background tasks run at once, inside the request: no worker to start.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
