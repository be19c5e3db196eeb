"""Which pages an anonymous visitor may see."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def public(pages):
    """``pages`` without those in a private section: Wagtail's ``.public()``
    in one query. Wagtail's loads every restriction first and then filters;
    here the database checks whether a restricted page's path begins this
    page's path."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.exclude(Exists(restricted))
