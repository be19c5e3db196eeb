"""The body blocks shared by every page that has a body.

One small StreamBlock (``BodyBlock``) on purpose: staff get a short, clear menu,
and every block renders the same way wherever it is used.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .visibility import is_visible, visible_reports

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingValue(blocks.StructValue):
    @property
    def tag(self):
        return self.get("level") or "h2"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("A short heading for the next part.")
    )
    # The page title is the only h1, so body headings start at h2.
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Main heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
        help_text=_("Use a subheading only directly under a main heading."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "pages/blocks/heading_block.html"
        value_class = HeadingValue
        description = _("A heading that divides the text into parts.")
        preview_value = {"text": "Besøk fra andre land", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        label=_("Quote"), help_text=_("The words quoted, without quotation marks.")
    )
    attribution = blocks.CharBlock(
        label=_("Who said it"), required=False, help_text=_("Name and, if useful, role.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "pages/blocks/quote_block.html"
        description = _("A quotation set apart from the text.")
        preview_value = {
            "text": "Viktigheten av arbeidet for likestilling og å styrke kvinners stilling.",
            "attribution": "Lesley Ann Foster, Masimanyane",
        }


class FigureBlock(blocks.StructBlock):
    # Wagtail's ImageBlock refuses an image with neither alt text nor an explicit
    # "decorative" choice, so no image reaches the public without one of them.
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, help_text=_("Shown under the image. Optional.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "pages/blocks/figure_block.html"
        description = _("An image with alt text for blind readers and an optional caption.")
        preview_template = "pages/blocks/figure_block_preview.html"


class ReportListValue(blocks.StructValue):
    @cached_property
    def visible_reports(self):
        """The chosen reports a visitor may see, in the chosen order: a withdrawn
        report, or one that belongs only to a private page, drops out."""
        chosen = [report for report in self.get("reports") or [] if report]
        if not chosen:
            return []
        reports = type(chosen[0]).objects.filter(pk__in=[report.pk for report in chosen])
        shown = {r.pk: r for r in visible_reports(reports).select_related("document")}
        return [shown[report.pk] for report in chosen if report.pk in shown]


class ReportListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("For example “Read more”. Leave empty for no heading."),
    )
    reports = blocks.ListBlock(
        SnippetChooserBlock("reports.Report", label=_("Report")),
        label=_("Reports"),
        help_text=_("Choose reports from the report library, in the order to show them."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Report list")
        template = "pages/blocks/report_list_block.html"
        value_class = ReportListValue
        description = _("A list of reports with year and kind, linked where a file exists.")
        preview_template = "pages/blocks/report_list_block_preview.html"


class CallToActionValue(blocks.StructValue):
    def url(self, request=None):
        """The chosen page in the reader's language, or as chosen; empty (and
        the block not shown) when a visitor may not open it."""
        page = self.get("page")
        if not page:
            return self.get("external_url")
        for candidate in (page.localized, page):
            if is_visible(candidate):
                return candidate.get_url(request)
        return ""


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Text"),
        max_length=200,
        help_text=_("One sentence that says why to follow the link."),
    )
    label = blocks.CharBlock(
        label=_("Button text"),
        max_length=60,
        help_text=_("What the button says, e.g. “Read the report”."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page on this site"),
        required=False,
        help_text=_("Choose a page, or give an address below."),
    )
    external_url = blocks.URLBlock(
        label=_("Address elsewhere"),
        required=False,
        help_text=_("Used only when no page is chosen."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # With the request, Wagtail finds the page's site in what the request
        # has already looked up, not in the cache.
        context["url"] = value.url((parent_context or {}).get("request"))
        return context

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("external_url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": _("Choose a page or give an address.")}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "pages/blocks/call_to_action_block.html"
        value_class = CallToActionValue
        description = _("A highlighted link that invites the reader to do something.")
        preview_value = {
            "text": "Les mer om partnerne våre.",
            "label": "Partnere",
            "external_url": "https://www.krisesenter.com/",
        }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="pages/blocks/paragraph_block.html",
        description=_("Running text, with bold, italic, links and lists."),
        preview_value="<p>Krisesentersekretariatet ser solidaritetsarbeid som viktig.</p>",
    )
    quote = QuoteBlock()
    image = FigureBlock()
    reports = ReportListBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Body")
