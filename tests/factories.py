"""Test content that looks like real content: a factory per page type
(``tests/test_factories.py`` checks that none is missing), reports with PDF
files, pages with images, conferences with dates.

Pages are created under a parent (``parent=...``) and take its language.
"""

import datetime
import uuid

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.models import Collection, Locale
from wagtail.utils.file import hash_filelike

from conferences.models import ConferenceIndexPage, ConferencePage
from pages.models import InternationalWorkPage, NetworkMembership, NetworkPage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from reports.models import Report, ReportIndexPage, ReportKind

# The smallest PDF a reader opens: one empty page.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class WithFileMetadata:
    """Size and hash set at creation, as an upload through the admin sets
    them, not saved later by the first page that shows the file."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        upload = kwargs["file"]
        kwargs["file_size"] = upload.size
        kwargs["file_hash"] = hash_filelike(upload)
        upload.seek(0)
        return super()._create(model_class, *args, **kwargs)


class ImageFactory(WithFileMetadata, wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bilde {n}")
    description = factory.LazyAttribute(lambda o: f"Fotografi: {o.title}")
    file = factory.django.ImageField(width=1200, height=800, color="purple", filename="bilde.jpg")
    collection = factory.LazyFunction(Collection.get_first_root_node)


class DocumentFactory(WithFileMetadata, wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Rapport {n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="rapport.pdf"))
    collection = factory.LazyFunction(Collection.get_first_root_node)


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def figure(image):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": image.description},
            "caption": image.title,
        },
    }


def illustrated_body():
    """A body with a heading, a photo with its caption and a paragraph."""
    return [heading("Bilder"), figure(ImageFactory()), paragraph("Fra besøket hos partneren.")]


class BasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Side {n}")
    summary = factory.LazyAttribute(lambda o: f"Kort om {o.title}, skrevet for oversikten.")
    body = factory.LazyAttribute(
        lambda o: [heading("Bakgrunn"), paragraph(f"Mer om {o.title} og samarbeidet.")]
    )
    # Published, as a visitor finds it (the feed lists pages by this date).
    first_published_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        abstract = True


class InternationalWorkPageFactory(BasePageFactory):
    class Meta:
        model = InternationalWorkPage


class NetworkPageFactory(BasePageFactory):
    title = "Nettverk"
    show_in_menus = True
    membership = factory.RelatedFactory(
        "tests.factories.NetworkMembershipFactory", factory_related_name="page"
    )

    class Meta:
        model = NetworkPage
        # The membership saves itself; the page needs no second save.
        skip_postgeneration_save = True


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Nettverk mot vold {n}")
    acronym = factory.Sequence(lambda n: f"NMV{n}")
    region = NetworkMembership.Region.EUROPEAN
    since_year = 2001
    description = "Et europeisk nettverk av krisesentre."

    class Meta:
        model = NetworkMembership


class StandardPageFactory(BasePageFactory):
    class Meta:
        model = StandardPage


class PartnerIndexPageFactory(BasePageFactory):
    title = "Partnere"
    show_in_menus = True

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Partner {n}")
    country = factory.Iterator(["ZA", "CY", "EE", "SE", "DK", "LT"])
    organisation_name = factory.Sequence(lambda n: f"Kvinneorganisasjon nummer {n}")
    acronym = factory.Sequence(lambda n: f"KO{n}")
    website = "https://example.org/"
    start_year = factory.Sequence(lambda n: 1990 + n % 30)
    funding_source = "EØS-midlene"
    contact_person = "Ada Achieng"
    contact_role = "Leder"

    class Meta:
        model = PartnerPage

    class Params:
        # A main image and an image in the body, as a partner page with photos has.
        illustrated = factory.Trait(
            hero_image=factory.SubFactory(ImageFactory),
            body=factory.LazyFunction(illustrated_body),
        )


class ConferenceIndexPageFactory(BasePageFactory):
    title = "Konferanser"
    show_in_menus = True

    class Meta:
        model = ConferenceIndexPage


class ConferencePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Konferanse {n}")
    start_date = factory.Sequence(lambda n: datetime.date(1995 + n % 40, 1 + n % 12, 1 + n % 27))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=3))
    year = factory.LazyAttribute(lambda o: o.start_date.year if o.start_date else None)
    city = "Oslo"
    country = "NO"
    participants = 120
    kss_role = ConferencePage.Role.PARTICIPANT

    class Meta:
        model = ConferencePage


class ReportIndexPageFactory(BasePageFactory):
    title = "Rapporter"
    show_in_menus = True

    class Meta:
        model = ReportIndexPage


class ReportFactory(factory.django.DjangoModelFactory):
    """A published report with its PDF."""

    translation_key = factory.LazyFunction(uuid.uuid4)
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="nb"))
    live = True
    title = factory.Sequence(lambda n: f"Rapport fra samarbeidet, del {n}")
    year = factory.Sequence(lambda n: 1990 + n % 35)
    kind = factory.Iterator([value for value, _label in ReportKind.choices])
    country = factory.Iterator(["ZA", "CY", "EE", "NO", "BE"])
    summary = factory.LazyAttribute(lambda o: f"Sammendrag av {o.title}.")
    document = factory.SubFactory(DocumentFactory)
    first_published_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        model = Report


# Every page type of the site and its factory: tests/test_factories.py
# fails when a page type has none.
PAGE_FACTORIES = {
    factory_class._meta.model: factory_class
    for factory_class in (
        InternationalWorkPageFactory,
        NetworkPageFactory,
        StandardPageFactory,
        PartnerIndexPageFactory,
        PartnerPageFactory,
        ConferenceIndexPageFactory,
        ConferencePageFactory,
        ReportIndexPageFactory,
    )
}
