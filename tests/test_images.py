"""Body and hero images: AVIF, WebP and JPEG in several widths, with the
size set so nothing shifts as they load, and body images loaded lazily."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from partners.models import PartnerPage
from tests.helpers import make_image, publish_page_with_image, soup

pytestmark = pytest.mark.django_db


def check_picture(picture, client):
    sources = {source["type"]: source for source in picture.select("source")}
    assert set(sources) == {"image/avif", "image/webp"}
    img = picture.select_one("img")
    for element in (*sources.values(), img):
        assert "sizes" in element.attrs and "42rem" in element["sizes"]
        widths = [candidate.split()[1] for candidate in element["srcset"].split(",")]
        assert len(widths) >= 2 and all(w.endswith("w") for w in widths)
    # Width and height reserve the space before the file arrives.
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    # Each format really is that format.
    for mime, url in (
        ("AVIF", sources["image/avif"]["srcset"].split()[0]),
        ("WEBP", sources["image/webp"]["srcset"].split()[0]),
        ("JPEG", img["src"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        data = b"".join(response.streaming_content) if response.streaming else response.content
        assert PILImage.open(io.BytesIO(data)).format == mime, url
    return img


def test_a_body_image_is_a_responsive_lazy_picture(client):
    path = publish_page_with_image()
    picture = soup(client.get(path)).select_one("main figure picture")
    img = check_picture(picture, client)
    assert img["loading"] == "lazy"
    assert img["alt"] == "En tom konferansesal med lilla stoler"


def test_a_partners_main_image_is_a_responsive_picture_loaded_at_once(client):
    image = make_image("Styret", (1600, 900), "JPEG", description="Styret i SPAVO og KSS")
    partner = PartnerPage.objects.get(slug="kypros")
    partner.hero_image = image
    partner.save_revision().publish()
    picture = soup(client.get("/partnere/kypros/")).select_one("main figure.hero picture")
    img = check_picture(picture, client)
    assert "loading" not in img.attrs
    assert img["alt"] == "Styret i SPAVO og KSS"


@pytest.mark.parametrize(("width", "expected"), [(640, ["640w", "400w"]), (300, [])])
def test_a_narrow_image_lists_each_width_once(width, expected):
    from django.template import Context, Template

    image = make_image("Smal", (width, 200))
    html = Template("{% load kss_tags %}{% column_picture image 'Smalt bilde' %}").render(
        Context({"image": image})
    )
    img = BeautifulSoup(html, "html.parser").select_one("img")
    if expected:
        assert [c.split()[1] for c in img["srcset"].split(",")] == expected
    else:
        # One file: no widths to choose from, so no srcset or sizes either.
        assert "srcset" not in img.attrs and "sizes" not in img.attrs
    assert img["alt"] == "Smalt bilde" and int(img["width"]) == width
