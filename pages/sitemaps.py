from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from pages.translations import remember_translations
from pages.visibility import visible_pages


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap walks only the default language's tree. This one lists
    the tree of every language; each page brings its ``hreflang`` alternates
    (``BasePage.get_sitemap_urls``)."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        pages = visible_pages(Page.objects.filter(in_a_tree)).order_by("path")
        # Every translation of these pages is among them: telling the hreflang
        # helper saves a query per page.
        remember_translations(list(pages), self.request)
        return pages.defer_streamfields().specific()
