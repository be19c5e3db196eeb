"""Small helpers shared by the tests."""

from contextlib import contextmanager

from bs4 import BeautifulSoup

# Every page of the seeded tree: Norwegian path -> title.
NORWEGIAN_TREE = {
    "/": "Internasjonalt arbeid",
    "/nettverk/": "Nettverk",
    "/partnere/": "Partnere",
    "/partnere/sor-afrika/": "Sør-Afrika",
    "/partnere/kypros/": "Kypros",
    "/partnere/estland/": "Estland",
    "/konferanser/": "Konferanser",
    "/konferanser/nordisk-forum-2014/": "Nordisk Forum 2014",
    "/konferanser/nordiske-kvinner-mot-vold-2015/": "Nordiske kvinner mot vold 2015",
    "/konferanser/verdenskonferansen-for-krisesentrene/": "Verdenskonferansen for krisesentrene",
    "/rapporter/": "Rapporter",
    "/trygg-pa-nett/": "Trygg på nett",
    "/personvern/": "Personvern",
    "/tilgjengelighet/": "Tilgjengelighet",
}

# Norwegian path -> the path of its English translation.
ENGLISH_OF = {
    "/": "/en/",
    "/nettverk/": "/en/network/",
    "/partnere/": "/en/partners/",
    "/partnere/sor-afrika/": "/en/partners/south-africa/",
    "/partnere/kypros/": "/en/partners/cyprus/",
    "/partnere/estland/": "/en/partners/estonia/",
    "/konferanser/": "/en/conferences/",
    "/konferanser/nordisk-forum-2014/": "/en/conferences/nordic-forum-2014/",
    "/konferanser/nordiske-kvinner-mot-vold-2015/": (
        "/en/conferences/nordic-women-against-violence-2015/"
    ),
    "/konferanser/verdenskonferansen-for-krisesentrene/": (
        "/en/conferences/world-conference-of-womens-shelters/"
    ),
    "/rapporter/": "/en/reports/",
    "/trygg-pa-nett/": "/en/stay-safe-online/",
    "/personvern/": "/en/privacy/",
    "/tilgjengelighet/": "/en/accessibility/",
}

# What production settings need to load (kss_site/settings/production.py).
PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "Qz9!x@Lm#2vB$7nR%4tY^8wE&1uI*5oP(3aS)6dF",
    "ALLOWED_HOSTS": "kss.example.org",
    "DATABASE_URL": "postgres://kss@db.example.org/kss",
    "WAGTAILADMIN_BASE_URL": "https://kss.example.org",
    "EMAIL_URL": "smtp+tls://nettsted%40kss.example.org:hemmelig@smtp.example.org:587"
    "?from=nettsted@kss.example.org",
}

# Every public page of both languages, as a visitor finds them.
PUBLIC_PAGES = [*NORWEGIAN_TREE, *ENGLISH_OF.values()]


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    """The visible text of a page, whitespace collapsed, as a reader sees it."""
    return " ".join(soup(response).get_text(" ").split())


def read_po(path, wrapped=False):
    """The entries of a gettext catalogue: ``[(context, msgid, msgstr, flags)]``,
    a plural entry once for each of its two msgids.

    Our catalogue is written by ``makemessages --no-wrap``, one string per line,
    and a wrapped line in it is an error; ``wrapped`` reads other catalogues
    (Wagtail's, Django's), whose strings run on over several lines. The header
    entry (empty msgid) is left out.
    """
    import ast

    entries, entry, key = [], {}, None

    def finish():
        if entry.get("msgid"):
            for msgid in filter(None, (entry["msgid"], entry.get("msgid_plural"))):
                entries.append(
                    (entry.get("msgctxt"), msgid, entry.get("msgstr", ""), entry["flags"])
                )

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            finish()
            entry, key = {}, None
            continue
        entry.setdefault("flags", set())
        if line.startswith("#"):
            key = None
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith(("msgctxt ", "msgid ", "msgstr ", "msgid_plural ")):
            key, _, literal = line.partition(" ")
            entry[key] = ast.literal_eval(literal)
        elif line.startswith("msgstr["):
            key = "plural_forms"
            _, _, literal = line.partition(" ")
            entry.setdefault("plural_forms", []).append(ast.literal_eval(literal))
        elif line.startswith('"') and wrapped and key:
            if key == "plural_forms":
                entry[key][-1] += ast.literal_eval(line)
            else:
                entry[key] += ast.literal_eval(line)
        elif line.startswith('"') and entry.get("msgid") != "":
            raise AssertionError(f"{path}: wrapped line; run makemessages with --no-wrap")
        if entry.get("plural_forms"):
            # Plural forms: translated only if every form is.
            forms = entry["plural_forms"]
            entry["msgstr"] = forms[0] if all(forms) else ""
    return entries


def make_image(title, size=(640, 400), image_format="PNG", description=""):
    """An uploaded image (a Wagtail Image with a real file) of one colour."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", size, (74, 35, 90)).save(buffer, image_format)
    name = f"{title.lower()}.{image_format.lower()}"
    return Image.objects.create(
        title=title, description=description, file=ImageFile(buffer, name=name)
    )


def publish_page_with_image(language_code="nb"):
    """A text page whose body has an image with alt text; returns its path."""
    from pages.models import InternationalWorkPage, StandardPage

    image = make_image("Konferansesal", description="En tom konferansesal med lilla stoler")
    home = InternationalWorkPage.objects.get(locale__language_code=language_code)
    page = StandardPage(
        title="Bilder fra konferansen",
        slug="bilder-fra-konferansen",
        summary="Et bilde fra konferansesalen.",
        body=[
            {"type": "heading", "value": {"text": "Salen", "level": "h2"}},
            {
                "type": "image",
                "value": {
                    "image": {
                        "image": image.pk,
                        "decorative": False,
                        "alt_text": image.description,
                    },
                    "caption": "Salen før åpningen.",
                },
            },
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page.url


@contextmanager
def committed():
    """Runs what waits for the transaction to commit, as the end of a real
    request or command does: the caches forget what a change touched only
    then (caching/invalidation.py), and a test's transaction never commits."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        yield


def make_user(name, group=None):
    """A staff member in one of the roles (roles/workflow.py), or a user in none."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(name, password="et-langt-passord-42")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


# A photo as a phone writes it, and the check that none of it is left.
SECRET = "Hemmelig adresse, Storgata 1"


def photo_with_metadata(image_format):
    """A photo as a phone writes it: a GPS position in EXIF, an XMP packet, a
    comment and, in a JPEG, an IPTC caption; all naming the place."""
    import io

    from PIL import Image as PILImage

    exif = PILImage.Exif()
    exif[0x010E] = SECRET  # ImageDescription
    exif[0x0112] = 6  # Orientation: turned, so the pixels must turn when it goes
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (59.0, 54.0, 47.0)  # GPSLatitude
    gps[3], gps[4] = "E", (10.0, 45.0, 3.0)  # GPSLongitude
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f"<rdf:Description>{SECRET}</rdf:Description></x:xmpmeta>"
    )
    buffer = io.BytesIO()
    image = PILImage.new("RGB", (800, 600), (74, 35, 90))
    options = {"exif": exif, "xmp": xmp.encode()}
    if image_format == "JPEG":
        options["comment"] = SECRET
    image.save(buffer, image_format, **options)
    data = buffer.getvalue()
    if image_format == "JPEG":
        # IPTC (Photoshop's APP13), which Pillow reads but does not write.
        caption = SECRET.encode()
        iptc = b"\x1c\x02\x78" + len(caption).to_bytes(2, "big") + caption
        resource = b"8BIM\x04\x04\x00\x00" + len(iptc).to_bytes(4, "big") + iptc
        app13 = b"Photoshop 3.0\x00" + resource
        data = data[:2] + b"\xff\xed" + (len(app13) + 2).to_bytes(2, "big") + app13 + data[2:]
    with PILImage.open(io.BytesIO(data)) as written:
        assert written.getexif().get_ifd(0x8825), "the GPS position is in the photo"
    assert SECRET.encode() in data
    return data


def assert_no_metadata(data, where):
    import io

    from PIL import Image as PILImage

    assert SECRET.encode() not in data, where
    for marker in (b"Exif\x00\x00", b"eXIf", b"EXIF", b"Photoshop 3.0"):
        assert marker not in data, (where, marker)
    assert b"adobe:ns:meta" not in data, where
    with PILImage.open(io.BytesIO(data)) as image:
        assert not image.getexif(), where
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"} & set(image.info)


# A first view within TCP's first flight of ten segments shows after one
# round trip (tests/test_weight.py).
ROUND_TRIP = 14 * 1024  # bytes, compressed


def first_view(client, path, static_root):
    """Bytes of what a first view of ``path`` loads before it can show (the
    HTML, the stylesheet, the favicon, the scripts), raw and compressed as
    they are sent (the HTML gzipped by nginx, the static files as WhiteNoise's
    brotli)."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    html = response.content
    document = soup(response)
    import gzip
    import json
    from urllib.parse import urlsplit

    from django.conf import settings

    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    assets = [
        link["href"] for link in document.select("head link[rel~=stylesheet], head link[rel~=icon]")
    ]
    assets += [script["src"] for script in document.select("script[src]")]
    raw, compressed = len(html), len(gzip.compress(html, compresslevel=6))
    for url in assets:
        # Same host: nothing render-blocking (or at all) from another one.
        assert not urlsplit(url).netloc, url
        name = urlsplit(url).path.removeprefix(settings.STATIC_URL)
        hashed = static_root / manifest[name]
        raw += hashed.stat().st_size
        compressed += hashed.with_name(hashed.name + ".br").stat().st_size
    return raw, compressed, assets
