from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingPurge(models.Model):
    """An address Varnish did not take a purge for, kept until it does
    (``caching/front_cache.py``). No address: everything."""

    path = models.CharField(_("address"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending purge")
        verbose_name_plural = _("pending purges")
        ordering = ["pk"]

    def __str__(self):
        return self.path or "*"
