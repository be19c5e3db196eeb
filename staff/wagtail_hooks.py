from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import guide

# Wagtail's help menu leads to its English guide on guide.wagtail.org and
# to its release notes: for this site's staff, the help is ours.
WAGTAILS_OWN_HELP = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def guide_urls():
    return [
        path("veiledning/", guide.guide, name="kss_editors_guide"),
        path(
            "veiledning/images/redaktor/<str:name>",
            guide.guide_image,
            name="kss_editors_guide_image",
        ),
    ]


@hooks.register("register_help_menu_item")
def editors_guide_menu_item():
    return MenuItem(
        _("Editor's guide"),
        reverse("kss_editors_guide"),
        name="kss-editors-guide",
        icon_name="help",
        order=1000,
    )


@hooks.register("construct_help_menu")
def leave_out_wagtails_own_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAILS_OWN_HELP)]
