"""The error pages' help lines and exit, and the pages nginx answers itself.

Every error page carries the quick exit and the help lines (docs/safety.md).
Django's own error pages may be rendered without a database: ``help_lines()``
then gives the values the site's settings start from. The pages nginx and
Varnish answer themselves (502, 503, 504, 405, 413) are rendered in advance
with the site's settings, in each language, by ``manage.py
render_error_pages`` into ``ERROR_PAGES_ROOT``; a change to the settings
renders them again (a background task), once a deploy has made them.
"""

from pathlib import Path

from django.conf import settings
from django.template import loader
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django_tasks import task

FIELDS = ("emergency_number", "helpline_number", "shelter_list_url", "europe_help_url")
# What nginx answers itself, by the address's language (deploy/nginx/kss.conf).
NGINX_STATUSES = (405, 413, 502, 503, 504)


def help_lines(site_settings=None):
    """The help lines and the exit of ``site_settings``, or without them the
    values the settings start from (no database needed)."""
    from .models import SiteSettings

    names = (*FIELDS, "quick_exit_url")
    if site_settings is None:
        return {name: SiteSettings._meta.get_field(name).default for name in names}
    return {name: getattr(site_settings, name) for name in names}


def help_context(request):
    """A context processor for the error pages Django and django-axes render
    with a request (400, 403, the CSRF failure, the lockout): the site's
    settings when the database answers, the defaults when it does not."""

    def find():
        from django.db import DatabaseError

        from .models import SiteSettings

        try:
            return help_lines(SiteSettings.for_request(request))
        except DatabaseError:
            return help_lines()

    return {"help": SimpleLazyObject(find)}


def render_error_pages(target=None):
    """Write ``<language>/<status>.html`` for every status nginx answers."""
    from wagtail.models import Site

    from .models import SiteSettings

    target = Path(target or settings.ERROR_PAGES_ROOT)
    site = Site.objects.filter(is_default_site=True).first()
    help = help_lines(SiteSettings.for_site(site) if site else None)
    written = []
    for language, _name in settings.LANGUAGES:
        folder = target / language
        folder.mkdir(parents=True, exist_ok=True)
        with translation.override(language):
            for status in NGINX_STATUSES:
                html = loader.render_to_string(
                    "pages/error_page.html",
                    {"status": status, "help": help, "error_language": language},
                )
                path = folder / f"{status}.html"
                path.write_text(html, encoding="utf-8")
                written.append(path)
    return written


@task()
def render_error_pages_again():
    """After a change to the help lines: only where a deploy made them."""
    if Path(settings.ERROR_PAGES_ROOT).is_dir():
        render_error_pages()
