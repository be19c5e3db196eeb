"""The Wagtail Site's address is the one the site is served at.

Wagtail builds the links of its mails to staff ("You can view the page
here") and the addresses of the sitemap from the default Site's hostname and
port. They follow the configured address, WAGTAILADMIN_BASE_URL (make run's
PORT, make stack's STACK_PORT, production's environment), after every
migrate, which every start and deploy runs: a Site left at Wagtail's
"localhost:80" would send staff to http://localhost/."""

from urllib.parse import urlsplit

from django.conf import settings


def served_address():
    """(hostname, port) of WAGTAILADMIN_BASE_URL."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def follow_the_served_address(sender, using="default", apps=None, **kwargs):
    Site = (apps or sender.apps).get_model("wagtailcore", "Site")  # noqa: N806
    hostname, port = served_address()
    Site.objects.using(using).filter(is_default_site=True).exclude(
        hostname=hostname, port=port
    ).update(hostname=hostname, port=port)
