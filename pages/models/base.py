"""Abstract building blocks that every page type is composed from."""

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.structured_data import breadcrumb_list
from pages.translations import alternates


class BasePage(Page):
    """Every public page has a summary (listings, meta description) and a body."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_(
            "One to three sentences. Shown in listings, under the title and in search engines."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The main text. Headings start at the largest size under the page title."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Find the page at ``path_components`` below this one in one query
        instead of one per level, fetching its ancestors on the way for the
        breadcrumb. Like Wagtail's own routing, only the page itself has to be
        live; an unknown address is a 404."""
        if not path_components:
            return super().route(request, path_components)
        if any("\x00" in component for component in path_components):
            raise Http404
        paths = [self.url_path]
        for component in path_components:
            paths.append(f"{paths[-1]}{component}/")
        # Only pages of this tree: url_path alone is not unique across sites.
        found = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=paths[1:], path__startswith=self.path)
        }
        if len(found) < len(paths) - 1:
            raise Http404
        page = found[paths[-1]].specific
        ancestors = [self, *(found[path] for path in paths[1:-1])]
        page.__dict__["breadcrumb_ancestors"] = [a for a in ancestors if a.depth >= 2 and a.live]
        return page.route(request, [])

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors, in one query.

        Wagtail's own version first loads the ancestors to find out which are
        aliases; their paths are prefixes of this page's path, so a subquery
        does the same work inside the database."""
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        chain = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=chain.filter(alias_of__isnull=True)) | Q(page__in=chain.values("alias_of"))
        )

    def get_sitemap_urls(self, request=None):
        links = [{"lang_code": code, "location": url} for code, url in alternates(self, request)]
        return [{**url, "alternates": links} for url in super().get_sitemap_urls(request)]

    @cached_property
    def breadcrumb_ancestors(self):
        """Live ancestors from the front page down, for the breadcrumb and its JSON-LD."""
        if self.depth <= 2:
            return []
        return list(self.get_ancestors().filter(depth__gte=2).live())

    def structured_data(self, request):
        """schema.org items describing this page; subclasses add their own."""
        return [breadcrumb_list(self, request)]
