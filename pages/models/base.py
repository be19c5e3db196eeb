"""Abstract building blocks that every page type is composed from."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.formatting import format_year_range
from pages.permissions import OwnPagesOnly
from pages.structured_data import breadcrumb_list
from pages.translations import alternates


class BasePage(Page):
    """Every public page has a summary (listings, meta description) and a body."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_(
            "One or two sentences. Shown in listings, under the title and in search engines."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The main text. Headings start at the largest size under the page title."),
    )

    # Text written in 2014 says "this year": the years it describes are shown
    # by the heading, with the date it was last updated, so it reads in its time.
    period_start = models.PositiveSmallIntegerField(
        _("describes from (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The first year the text is about. Shown by the heading. Optional."),
    )
    period_end = models.PositiveSmallIntegerField(
        _("describes until (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The last year the text is about. Optional."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    @property
    def period(self):
        """The years the text describes, as the heading shows them, or ""."""
        if not (self.period_start or self.period_end):
            return ""
        return format_year_range(self.period_start, self.period_end)

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The last year cannot come before the first.")})

    # The admin's explorer lists a page's children as the menu and the site
    # do (their order in the tree), not by last edit (Wagtail's default).
    admin_default_ordering = "ord"

    def permissions_for_user(self, user):
        # Wagtail's documented place to change what a user may do to a page.
        return OwnPagesOnly(user, self)

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        links = [{"lang_code": code, "location": url} for code, url in alternates(self, request)]
        return [{**url, "alternates": links} for url in super().get_sitemap_urls(request)]

    @cached_property
    def breadcrumb_ancestors(self):
        """Live ancestors from the front page down, for the breadcrumb and its
        JSON-LD. Wagtail's routing has loaded each of them on the way to this
        page and left it as the page's parent (``get_parent``), so a page
        served from its address finds them without a query."""
        ancestors, page = [], self
        while page.depth > 2:
            page = page.get_parent()
            ancestors.append(page)
        return [ancestor for ancestor in reversed(ancestors) if ancestor.live]

    def structured_data(self, request):
        """schema.org items describing this page; subclasses add their own."""
        return [breadcrumb_list(self, request)]
