"""Labels Wagtail 8 writes in English without gettext, so that no catalogue
can translate them: Django makes them from a field's name ("link_text" →
"Link text"). They get the same English words here, marked for translation,
and locale_admin/ gives the Norwegian. tests/test_admin_language.py finds any
that are still English."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def give_wagtails_unlabelled_fields_translatable_labels():
    from wagtail.admin.forms import choosers, workflows
    from wagtail.admin.forms.auth import LoginForm
    from wagtail.contrib.simple_translation.models import SimpleTranslation
    from wagtail.models import Locale
    from wagtail.sites.views import IndexView as SiteIndexView
    from wagtail.users.views.bulk_actions import assign_role

    # The link dialogs of the rich-text editor.
    for form in (
        choosers.ExternalLinkChooserForm,
        choosers.AnchorLinkChooserForm,
        choosers.EmailLinkChooserForm,
        choosers.PhoneLinkChooserForm,
    ):
        form.base_fields["link_text"].label = _("Link text")
    choosers.EmailLinkChooserForm.base_fields["email_address"].label = _("Email address")
    choosers.EmailLinkChooserForm.base_fields["subject"].label = _("Subject")
    choosers.EmailLinkChooserForm.base_fields["body"].label = pgettext_lazy(
        "The text of an e-mail a link opens", "Body"
    )
    choosers.PhoneLinkChooserForm.base_fields["phone_number"].label = _("Phone number")
    # The login form.
    LoginForm.base_fields["password"].label = _("Password")
    # Which kinds of content a workflow covers.
    workflows.WorkflowContentTypeForm.base_fields["content_types"].label = _("Content types")
    # The language filter of the choosers (added per form, as it lists the languages).
    add_locale_filter = choosers.LocaleFilterMixin.__init__

    def __init__(self, *args, **kwargs):
        add_locale_filter(self, *args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].label = _("Locale")

    choosers.LocaleFilterMixin.__init__ = __init__
    # The languages of the content, by their model's name (permissions, listings).
    Locale._meta.verbose_name = _("locale")
    Locale._meta.verbose_name_plural = _("locales")
    # The superuser's list of sites names two columns by their attributes.
    for column in SiteIndexView.columns:
        if column.name == "site_name":
            column.label = _("Site name")
        elif column.name == "root_page":
            column.label = _("Root page")
    # A superuser giving users a role.
    assign_role.RoleForm.base_fields["role"].label = _("Role")
    # The permission a group needs to translate, listed by its model's name.
    SimpleTranslation._meta.verbose_name = _("translation")
