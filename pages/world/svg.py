"""The map as inline SVG, drawn on the server from the committed outlines
(pages/world/outlines.json, made by scripts/world_outlines.py).

The land of the whole world is one static file (static/world/land.svg, made
from the same outlines by the same script): hashed and kept a year by
browsers, it is drawn under the map as an SVG ``<image>`` in the map's own
units, so the page carries only what depends on the content: the marked
countries, their markers and the view.

The view is the smallest part of the world that holds every marked country,
so a new country far away widens it by itself. Marked countries are hatched
as well as coloured, and carry a numbered marker that the list beside the map
explains, so the map reads without colour. The map repeats the list for the
eye: it is hidden from assistive technology and its links from the keyboard,
and the list (with the same links) is the text equivalent.
"""

import json
import math
from functools import cache
from pathlib import Path

from django.templatetags.static import static
from django.utils.html import format_html, format_html_join

OUTLINES = Path(__file__).with_name("outlines.json")
LAND = "world/land.svg"  # a static file
LAND_FILE = Path(__file__).resolve().parents[2] / "static" / LAND
LAND_COLOUR, COAST_COLOUR = "#ddd3e3", "#fff"

MIN_WIDTH = 2200  # units (the world is about 5400 wide): one country keeps its region
MARGIN = 0.08
ASPECT = (1.5, 2.2)  # width / height, at least and at most


@cache
def outlines():
    return json.loads(OUTLINES.read_text())["countries"]


def _path(rings):
    """SVG path data, relative moves after the first point: the shortest text."""
    parts = []
    for ring in rings:
        x, y = ring[0], ring[1]
        steps = [f"M{x} {y}"]
        for i in range(2, len(ring), 2):
            dx, dy = ring[i] - x, ring[i + 1] - y
            x, y = ring[i], ring[i + 1]
            steps.append(f"{dx} {dy}")
        parts.append(steps[0] + "l" + " ".join(steps[1:]) + "z")
    # "l-3 4" needs no space before a minus sign.
    return "".join(parts).replace(" -", "-")


def view_box(codes):
    """(x, y, width, height) around the countries ``codes``."""
    shapes = outlines()
    boxes = [shapes[code]["box"] for code in codes if code in shapes]
    if not boxes:
        return None
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width, height = right - left, bottom - top
    width, height = max(width * (1 + 2 * MARGIN), MIN_WIDTH), height * (1 + 2 * MARGIN)
    width = max(width, height * ASPECT[0])
    height = max(height, width / ASPECT[1])
    cx, cy = (left + right) / 2, (top + bottom) / 2
    return round(cx - width / 2), round(cy - height / 2), round(width), round(height)


@cache
def world_box():
    """(x, y, width, height) of the whole world in the map's units."""
    boxes = [shape["box"] for shape in outlines().values()]
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return left, top, right - left, bottom - top


def land_svg():
    """The land of the whole world as one SVG document (the static file)."""
    rings = [ring for shape in outlines().values() for ring in shape["rings"]]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}">'
        '<path fill="{}" stroke="{}" stroke-width="2" stroke-linejoin="round" d="{}"/>'
        "</svg>\n"
    ).format(*world_box(), LAND_COLOUR, COAST_COLOUR, _path(rings))


def _spread(points, radius):
    """Marker positions near ``points`` that do not overlap: markers closer
    than two radii push each other apart, a few rounds."""
    moved = [list(p) for p in points]
    for _round in range(60):
        still = True
        for i in range(len(moved)):
            for j in range(i + 1, len(moved)):
                dx = moved[j][0] - moved[i][0]
                dy = moved[j][1] - moved[i][1]
                distance = math.hypot(dx, dy)
                gap = 2.3 * radius - distance
                if gap > 0:
                    still = False
                    if distance == 0:
                        dx, dy, distance = 1.0, 0.0, 1.0
                    push = gap / 2 / distance
                    moved[i][0] -= dx * push
                    moved[i][1] -= dy * push
                    moved[j][0] += dx * push
                    moved[j][1] += dy * push
        if still:
            break
    return [(round(x), round(y)) for x, y in moved]


def world_map(countries):
    """The SVG of ``countries`` (``pages.world.Country``, numbered), or "" if
    none has an outline."""
    shapes = outlines()
    marked = [c for c in countries if c.code in shapes]
    box = view_box([c.code for c in marked])
    if box is None:
        return ""
    x, y, width, height = box
    radius = round(width / 48)
    places = _spread([shapes[c.code]["label"] for c in marked], radius)
    hatch = round(width / 160)

    countries_svg = format_html_join(
        "",
        '<a href="{}" tabindex="-1"><path class="world-map__marked" d="{}"/></a>',
        ((c.url, _path(shapes[c.code]["rings"])) for c in marked),
    )
    markers = format_html_join(
        "",
        '<a href="{}" tabindex="-1" class="world-map__marker">{}'
        '<circle cx="{}" cy="{}" r="{}"/>'
        '<text x="{}" y="{}" font-size="{}">{}</text></a>',
        (
            (
                c.url,
                # A leader from the country to its marker, when it had to move.
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}"/>',
                    *shapes[c.code]["label"],
                    px,
                    py,
                    max(1, radius // 8),
                )
                if (px, py) != tuple(shapes[c.code]["label"])
                else "",
                px,
                py,
                radius,
                px,
                py + round(radius * 0.4),
                round(radius * 1.1),
                c.number,
            )
            for c, (px, py) in zip(marked, places, strict=True)
        ),
    )
    return format_html(
        '<svg class="world-map" viewBox="{} {} {} {}" aria-hidden="true" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<defs><pattern id="world-map-hatch" patternUnits="userSpaceOnUse" width="{}" '
        'height="{}" patternTransform="rotate(45)">'
        '<rect class="world-map__hatch-ground" width="{}" height="{}"/>'
        '<rect class="world-map__hatch-line" width="{}" height="{}"/></pattern></defs>'
        '<image href="{}" x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none"/>'
        "{}{}</svg>",
        x,
        y,
        width,
        height,
        hatch,
        hatch,
        hatch,
        hatch,
        max(1, hatch // 3),
        hatch,
        static(LAND),
        *world_box(),
        countries_svg,
        markers,
    )
