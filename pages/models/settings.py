"""Settings that staff edit in the admin (Innstillinger → Nettstedsinnstillinger)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from caching.dependencies import ShownOnPages


@register_setting(icon="help")
class SiteSettings(ShownOnPages, BaseSiteSetting):
    # Every page shows the help lines, the exit and the footer (caching/).
    shown_on_every_page = True

    # Numbers live here, their labels in the interface translations, so one
    # number serves both languages.
    helpline_number = models.CharField(
        _("help line number"),
        max_length=20,
        default="116 006",
        help_text=_("The national 24-hour help line for violence and abuse (VO-linjen)."),
    )
    emergency_number = models.CharField(
        _("emergency number"),
        max_length=10,
        default="112",
        help_text=_("The police emergency number."),
    )
    # The secretariat's own list of where to get help, shelter by shelter.
    shelter_list_url = models.URLField(
        _("list of shelters"),
        default="https://www.krisesenter.com/her-finnes-hjelp",
        help_text=_("Address of the page that lists the shelters in Norway."),
    )
    # Shown in the English banner only: a reader there may not be in Norway,
    # and Norway's numbers are no help to her. WAVE keeps the directory.
    europe_help_url = models.URLField(
        _("help lines in Europe"),
        default="https://wave-network.org/find-help/",
        help_text=_(
            "A directory of help lines and shelters in other European countries, "
            "linked from the English help banner."
        ),
    )
    quick_exit_url = models.URLField(
        _("quick-exit destination"),
        default="https://www.yr.no/",
        help_text=_(
            "Where the “Exit this page” button leads. Choose a neutral site that "
            "draws no attention, such as a weather forecast."
        ),
    )
    # A person, not a test, must have called the numbers and opened the
    # addresses: the dashboard says so until then (pages/wagtail_hooks.py).
    help_lines_checked_on = models.DateField(
        _("help lines checked on"),
        null=True,
        blank=True,
        help_text=_(
            "The day someone called the numbers and opened the addresses above and found "
            "them right. Emptied when one of them changes."
        ),
    )
    main_site_url = models.URLField(
        _("the secretariat’s main website"),
        default="https://www.krisesenter.com/",
        help_text=_("Linked from the contact details at the foot of every page."),
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=20,
        blank=True,
        help_text=_("From the Brønnøysund Register Centre. Shown in the footer. Optional."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Shown in the footer. Optional.")
    )
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, help_text=_("Shown in the footer. Optional.")
    )
    contact_address = models.TextField(
        _("postal address"), blank=True, help_text=_("Shown in the footer. Optional.")
    )
    safety_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("“Stay safe online” page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the quick-exit area on every page."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    # The pages the settings choose, by the name the templates know them by:
    # the one list the footer, the quick exit, the caches and the admin read.
    STATEMENT_PAGES = {
        "safety": "safety_page",
        "privacy": "privacy_page",
        "accessibility": "accessibility_page",
    }
    select_related = list(STATEMENT_PAGES.values())

    # What a visitor in need relies on: a change to any of them needs checking again.
    HELP_LINES = [
        "helpline_number",
        "emergency_number",
        "shelter_list_url",
        "europe_help_url",
        "quick_exit_url",
    ]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("helpline_number"),
                FieldPanel("emergency_number"),
                FieldPanel("shelter_list_url"),
                FieldPanel("europe_help_url"),
                FieldPanel("quick_exit_url"),
                FieldPanel("help_lines_checked_on"),
            ],
            heading=_("Help and safety"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
                FieldPanel("organisation_number"),
                FieldPanel("main_site_url"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [FieldPanel(field) for field in STATEMENT_PAGES.values()],
            heading=_("Footer pages"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def save(self, *args, **kwargs):
        if self.pk and self.help_lines_checked_on:
            before = (
                type(self)
                .objects.filter(pk=self.pk)
                .values(*self.HELP_LINES, "help_lines_checked_on")[0]
            )
            changed = any(getattr(self, name) != before[name] for name in self.HELP_LINES)
            if changed and self.help_lines_checked_on == before["help_lines_checked_on"]:
                self.help_lines_checked_on = None
        super().save(*args, **kwargs)

    def missing_before_going_live(self):
        """What the site still lacks to go live, in the words the dashboard
        uses (pages/wagtail_hooks.py)."""
        missing = []
        if not (self.contact_email or self.contact_phone or self.contact_address):
            missing.append(
                _(
                    "Contact details are not filled in: readers who are told to contact "
                    "the secretariat find no e-mail, phone or address."
                )
            )
        if not self.help_lines_checked_on:
            missing.append(
                _(
                    "No one has confirmed that the help line numbers and addresses are right: "
                    "call them, open them, and enter the date."
                )
            )
        return missing
