import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kss_site.settings.production")

application = get_wsgi_application()

# Stored pages for anonymous visitors are answered before Django's request
# handling (caching/wsgi.py); everything else goes to Django.
from caching.wsgi import StoredPages  # noqa: E402 (after Django is set up)

application = StoredPages(application)
