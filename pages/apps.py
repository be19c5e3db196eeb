from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from django.db.models.signals import post_save

        from .models import SiteSettings

        post_save.connect(
            help_lines_changed, sender=SiteSettings, dispatch_uid="pages.errors:help lines"
        )


def help_lines_changed(raw=False, **kwargs):
    """The pages nginx answers itself carry the help lines: made again."""
    if raw:
        return
    from django.db import transaction

    from .errors import render_error_pages_again

    transaction.on_commit(render_error_pages_again.enqueue)
