from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingPurge(models.Model):
    """An address a cache did not forget when it should have, kept until it
    does: Varnish (``caching/front_cache.py``) or the app's page cache when
    Redis was away (``caching/backends.py``). No address: everything."""

    class Target(models.TextChoices):
        FRONT = "front", _("Varnish")
        APP = "app", _("the application's page cache")

    target = models.CharField(
        _("cache"), max_length=8, choices=Target.choices, default=Target.FRONT
    )
    path = models.CharField(_("address"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending purge")
        verbose_name_plural = _("pending purges")
        ordering = ["pk"]

    def __str__(self):
        return self.path or "*"
