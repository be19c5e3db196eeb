"""`make outlines`: project the world's country outlines once into
pages/world/outlines.json, which the landing page's map draws from, and
draw the land of the whole world from them into static/world/land.svg.

The outlines are Natural Earth's 1:110m countries (public domain) as the npm
package world-atlas 2.0.2 ships them (TopoJSON; package.json pins it). They
are projected here with the Equal Earth projection, simplified to what a map
a phone's width across can show, and rounded to whole units, so the site needs
neither Node nor a geographic library at run time and sends a few kilobytes.
tests/test_world_map.py checks that the committed file is what this script
makes from the pinned package.
"""

import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
OUT = ROOT / "pages" / "world" / "outlines.json"

# Units per radian of the sphere: the whole world is about 5400 units wide.
SCALE = 1000
# Points closer than this to the line through their neighbours go (units).
TOLERANCE = 2.5

# Equal Earth (Šavrič, Patterson, Jenny 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    """Projected (x, y) of a point, y downwards as in SVG."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x * SCALE, -y * SCALE


def decoded_arcs(topology):
    """Each arc as (lon, lat) points: TopoJSON stores them quantized and
    delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_of(indexes, arcs):
    """A ring from its arcs (a negative index is an arc walked backwards; arcs
    share their end points)."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    # A ring across the antimeridian (Fiji, Chukotka) would draw a line across
    # the whole map: the part beyond it is folded onto it, on the side where
    # most of the ring lies.
    if max(x for x, _ in points) - min(x for x, _ in points) > 180:
        if sum(x for x, _ in points) > 0:
            points = [(180 if x < 0 else x, y) for x, y in points]
        else:
            points = [(-180 if x > 0 else x, y) for x, y in points]
    return points


def simplified(points):
    """Douglas-Peucker, without recursion."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, TOLERANCE
        for i in range(first + 1, last):
            x0, y0 = points[i]
            if length == 0:
                d = math.hypot(x0 - x1, y0 - y1)
            else:
                d = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area_and_centroid(ring):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0]
    return abs(area), (cx / (6 * area), cy / (6 * area))


def outlines():
    topology = json.loads(SOURCE.read_text())
    arcs = decoded_arcs(topology)
    from django_countries import countries

    result = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        rings, largest = [], (0.0, None)
        for polygon in polygons:
            for number, indexes in enumerate(polygon):
                projected = [equal_earth(lon, lat) for lon, lat in ring_of(indexes, arcs)]
                ring = simplified(projected)
                rounded = []
                for x, y in ring:
                    point = (round(x), round(y))
                    if not rounded or point != rounded[-1]:
                        rounded.append(point)
                if len(rounded) < 3:
                    continue  # smaller than the map can show
                rings.append(rounded)
                if number == 0:  # an outer ring: the largest holds the label
                    area, centre = area_and_centroid(projected)
                    if area > largest[0]:
                        largest = (area, centre)
        if not rings:
            continue
        # Places without an ISO code (Northern Cyprus, Kosovo, Somaliland)
        # are land on the map, never marked.
        code = countries.alpha2(geometry.get("id", "")) or f"-{geometry['properties']['name']}"
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        centre = largest[1] or (sum(xs) / len(xs), sum(ys) / len(ys))
        entry = result.setdefault(code, {"rings": [], "box": [min(xs), min(ys), max(xs), max(ys)]})
        entry["rings"] += [[c for point in ring for c in point] for ring in rings]
        entry["label"] = [round(centre[0]), round(centre[1])]
    return dict(sorted(result.items()))


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kss_site.settings.dev")
    import django

    django.setup()
    data = {
        "source": "Natural Earth 1:110m countries (public domain), npm world-atlas 2.0.2",
        "projection": "Equal Earth",
        "countries": outlines(),
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(
        f"{len(data['countries'])} outlines, {OUT.stat().st_size} bytes in {OUT.relative_to(ROOT)}"
    )
    # The land under every map, a static file (pages/world/svg.py).
    from pages.world.svg import LAND_FILE, land_svg

    LAND_FILE.write_text(land_svg())
    print(f"the land, {LAND_FILE.stat().st_size} bytes in {LAND_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
