from django.http import HttpResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site
from wagtail.wagtail_hooks import check_view_restrictions

from .models import SiteSettings
from .rich_text import NoReferrerExternalLinkHandler, VisiblePageLinkHandler


# After Wagtail's own registration (order 0), which it replaces.
@hooks.register("register_rich_text_features", order=1)
def register_link_handlers(features):
    features.register_link_type(NoReferrerExternalLinkHandler)
    features.register_link_type(VisiblePageLinkHandler)


@hooks.register("before_serve_page")
def check_the_section_of_an_aliased_page(page, request, serve_args, serve_kwargs):
    """Wagtail checks an alias against the view restrictions of the page it
    copies, but not against those of that page's ancestors: an alias placed
    outside a private section, of a page inside it, would be open to all.
    Here Wagtail's own check (its ``on_serve_page`` hook, reused rather than
    copied, so the answer is the same login or password page) runs once more,
    for the page the alias copies."""
    source = page
    while source.alias_of_id:
        source = source.alias_of
    if source.pk == page.pk:
        return None
    passed = HttpResponse()
    response = check_view_restrictions(lambda *args: passed)(
        source.specific, request, serve_args, serve_kwargs
    )
    return None if response is passed else response


@hooks.register("page_shown_on_every_page")
def front_pages_menu_and_footer(page):
    """For the caches (caching/invalidation.py): the front pages, the sections
    under them (the menu, whether or not a section has just been taken out of
    it) and the pages the site settings choose for the footer and the quick
    exit appear on every page."""
    if page.depth <= 3:
        return True
    chosen = SiteSettings.objects.values_list(
        *(f"{field}__translation_key" for field in SiteSettings.STATEMENT_PAGES.values())
    )
    return any(page.translation_key in keys for keys in chosen)


class BeforeGoingLivePanel(Component):
    """At the top of every member of staff's dashboard, until the site has
    them: what it still lacks to go live (SiteSettings.missing_before_going_live).
    Approvers, who may change the settings, get a link to them."""

    name = "before_going_live"
    template_name = "pages/admin/before_going_live.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
        settings = SiteSettings.for_site(site)
        can_change = request.user.has_perm("pages.change_sitesettings")
        return {
            "missing": settings.missing_before_going_live(),
            "settings_url": (
                reverse("wagtailsettings:edit", args=["pages", "sitesettings", site.pk])
                if can_change
                else None
            ),
        }


@hooks.register("construct_homepage_panels")
def what_the_site_lacks_to_go_live(request, panels):
    panels.append(BeforeGoingLivePanel())
