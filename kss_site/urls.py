from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pages.sitemaps import AllLanguagesSitemap
from pages.views import robots_txt
from reports.feeds import LatestFeed
from search.views import search
from security.views import LOGIN_PATH, RestrictedPageLoginView, serve_document

urlpatterns = [
    path(settings.WAGTAIL_ADMIN_PREFIX.strip("/") + "/", include(wagtailadmin_urls)),
    # Wagtail's document view, its answer mended (security/views.py); the
    # same address as Wagtail's own pattern below, which builds the links.
    re_path(r"^documents/(\d+)/(.*)$", serve_document),
    path("documents/", include(wagtaildocs_urls)),
    # One sitemap for both languages, outside the language prefix.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

# Production serves /static/ and /media/ from the web server in front.
if settings.DEBUG or getattr(settings, "SERVE_MEDIA_FILES", False):
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.views.static import serve

    urlpatterns += staticfiles_urlpatterns()
    # Not django.conf.urls.static.static(): it adds nothing without DEBUG, and
    # the tests (SERVE_MEDIA_FILES) run without it.
    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Norwegian at the root, English under /en/: the address alone decides the
# language, never a cookie or the browser's preference.
urlpatterns += i18n_patterns(
    path(pgettext_lazy("URL path of the search page", "search/"), search, name="search"),
    path("feed.atom", LatestFeed(), name="feed"),
    # Wagtail's page view takes addresses that end in a slash; the calendar
    # files are routes of their pages (conferences/models.py) that do not.
    re_path(r"^((?:[\w\-]+/)+(?:kalender|calendar)\.ics)$", wagtail_views.serve),
    # Before Wagtail's own view at the same address (security/views.py).
    path(LOGIN_PATH, RestrictedPageLoginView.as_view(), name="restricted_page_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database that cannot be reached is answered with a static 503 page, not a 500.
handler500 = "pages.views.server_error"
handler404 = "pages.views.page_not_found"
