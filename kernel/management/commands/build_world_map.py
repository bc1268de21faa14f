"""Turn Natural Earth's country shapes (npm `world-atlas`, TopoJSON) into the world map's data file.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    manage.py build_world_map package/countries-50m.json

The file it writes, kernel/data/world_map.json, is committed: pages never rebuild it, and running
or testing the site needs no npm. See docs/architecture.md, "World map".
"""

import csv
import json
import math
from itertools import pairwise
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kernel import maps

COUNTRIES_CSV = Path(__file__).resolve().parents[2] / "taxonomy" / "data" / "countries.csv"

SOURCE = {
    "name": "Natural Earth 1:50m Admin 0 countries, as TopoJSON in npm world-atlas",
    "version": "world-atlas 2.0.2 (Natural Earth 4.1.0)",
    "file": "countries-50m.json",
    "licence": "world-atlas: ISC (Copyright 2013-2019 Michael Bostock); Natural Earth: public domain",
    "url": "https://www.naturalearthdata.com/",
}

WIDTH = 1000  # the map's width in SVG units; coordinates are whole units at this width
TOLERANCE = 0.6  # Douglas-Peucker tolerance, in SVG units
DOT_BELOW = 3.0  # a country whose shape is narrower and lower than this many units is drawn as a dot

# Natural Earth draws some areas apart from the country the United Nations counts them in: they are
# drawn as part of that country. Other unattributed areas (Kosovo, the Siachen Glacier, the Indian
# Ocean Territories) are drawn as land without a link; the disclaimer under every map applies.
PART_OF = {"Somaliland": "SO", "N. Cyprus": "CY"}

# Territories Natural Earth's 1:50m countries have no shape for (they lie inside another country's
# shape or are below its resolution): longitude and latitude of the main town or island, rounded to
# a tenth of a degree, from the territories' own gazetteers.
POSITIONS = {
    "BQ": (-68.3, 12.2),  # Bonaire, Kralendijk
    "BV": (3.4, -54.4),  # Bouvet Island
    "CC": (96.8, -12.2),  # Cocos (Keeling) Islands, West Island
    "CX": (105.6, -10.5),  # Christmas Island, Flying Fish Cove
    "GF": (-53.1, 3.9),  # French Guiana, centre of the territory
    "GI": (-5.3, 36.1),  # Gibraltar
    "GP": (-61.6, 16.2),  # Guadeloupe, Basse-Terre
    "MQ": (-61.0, 14.6),  # Martinique, Fort-de-France
    "RE": (55.5, -21.1),  # Réunion, Saint-Denis
    "SJ": (15.6, 78.2),  # Svalbard, Longyearbyen
    "TK": (-171.8, -9.2),  # Tokelau, Fakaofo
    "TV": (179.2, -8.5),  # Tuvalu, Funafuti
    "UM": (166.6, 19.3),  # United States Minor Outlying Islands, Wake Island
    "YT": (45.2, -12.8),  # Mayotte, Mamoudzou
}

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = 2 * math.sqrt(3) * math.pi / (3 * A1)
THETA_MAX = math.asin(M)
Y_MAX = A4 * THETA_MAX**9 + A3 * THETA_MAX**7 + A2 * THETA_MAX**3 + A1 * THETA_MAX
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = math.ceil(2 * Y_MAX * SCALE)


def project(longitude, latitude):
    """Equal Earth, in SVG units: x rightwards from the left edge, y downwards from the top."""
    lam, phi = math.radians(longitude), math.radians(max(-90.0, min(90.0, latitude)))
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return (x + X_MAX) * SCALE, (Y_MAX - y) * SCALE


def decode_arcs(topology):
    """The topology's arcs as lists of (longitude, latitude): quantized and delta-encoded."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for qx, qy in arc:
            x, y = x + qx, y + qy
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    """Douglas-Peucker; the ends stay, so arcs shared by two countries still meet."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring, arcs):
    """A ring's points from its arc indexes (a negative index ~i is arc i reversed)."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def crosses_antimeridian(points):
    """Whether a ring crosses longitude 180 (a ring along the South Pole's line does not: Equal
    Earth draws that line as the map's straight bottom edge)."""
    return any(abs(x1 - x0) > 180 and abs(y0) < 89 for (x0, y0), (x1, _) in pairwise(points))


def clip(points, keep):
    """Sutherland-Hodgman: the part of a ring where `keep(x)`, the cut along the line x = ±180."""
    out = []
    for (x0, y0), (x1, y1) in zip(points[-1:] + points[:-1], points, strict=True):
        inside0, inside1 = keep(x0), keep(x1)
        if inside0 != inside1:
            edge = 180.0 if not keep(181) else -180.0
            out.append((edge, y0 + (y1 - y0) * (edge - x0) / (x1 - x0)))
        if inside1:
            out.append((x1, y1))
    return out


def along_the_edge(points):
    """Points every degree of latitude where a ring runs along the map's edge, which Equal Earth
    draws as a curve."""
    out = []
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        out.append((x0, y0))
        if abs(x0) == 180 and x0 == x1 and abs(y1 - y0) > 1:
            steps = int(abs(y1 - y0))
            out += [(x0, y0 + (y1 - y0) * i / steps) for i in range(1, steps)]
    return out


def split_at_antimeridian(points):
    """A ring that crosses longitude 180 (eastern Russia, Fiji) as rings on either side of it.

    A ring around a pole (Antarctica's coast) crosses it once: it is opened there and closed
    along the pole's line."""
    unwrapped = [points[0]]
    for x, y in points[1:]:
        previous = unwrapped[-1][0]
        x += 360 * round((previous - x) / 360)
        unwrapped.append((x, y))
    if abs(unwrapped[-1][0] - unwrapped[0][0]) > 180:
        ring = points[:-1] if points[0] == points[-1] else points
        jump = next(
            i
            for i, (a, b) in enumerate(zip(ring, ring[1:] + ring[:1], strict=True))
            if abs(b[0] - a[0]) > 180
        )
        ring = ring[jump + 1 :] + ring[: jump + 1]
        pole = -90.0 if sum(y for _, y in ring) < 0 else 90.0
        ring += [(ring[-1][0], pole), (ring[0][0], pole)]
        return [along_the_edge(ring)]
    pieces = []
    for shift in (-360, 0, 360):
        shifted = [(x + shift, y) for x, y in unwrapped]
        piece = clip(clip(shifted, lambda x: x >= -180), lambda x: x <= 180)
        if len(piece) >= 3:
            pieces.append(along_the_edge(piece))
    return pieces


def area(points):
    return (
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)) / 2
    )


def centroid(points):
    a = area(points)
    if not a:
        xs, ys = zip(*points, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        cx, cy = cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return cx / (6 * a), cy / (6 * a)


def path_data(rings):
    """SVG path data in whole units, relative moves after the first ("M12 34l1-2 3 4z")."""
    parts = []
    cx = cy = 0
    for ring in rings:
        x, y = ring[0]
        parts.append(f"{'m' if parts else 'M'}{x - cx} {y - cy}".replace(" -", "-"))
        steps = []
        for nx, ny in ring[1:]:
            steps.append(f"{nx - x} {ny - y}".replace(" -", "-"))
            x, y = nx, ny
        parts.append("l" + " ".join(steps).replace(" -", "-") + "z")
        cx, cy = ring[0]
    return "".join(parts)


def rounded(points):
    """Whole units, without repeats; None when too little is left to draw."""
    out = []
    for x, y in points:
        point = (round(x), round(y))
        if not out or out[-1] != point:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out if len(out) >= 3 and area(out) else None


def outline():
    """The edge of the world in Equal Earth: the meridians ±180, joined by the poles' lines."""
    east = [project(180, latitude) for latitude in range(90, -91, -2)]
    west = [project(-180, latitude) for latitude in range(-90, 91, 2)]
    return east + west


def numeric_codes():
    with COUNTRIES_CSV.open(encoding="utf-8") as rows:
        return {row["numeric"]: row["code"] for row in csv.DictReader(rows)}


def build(topology):
    """The data file's content from the parsed TopoJSON."""
    codes = numeric_codes()
    raw = decode_arcs(topology)
    arcs = [simplify([project(*point) for point in arc], TOLERANCE) for arc in raw]
    polygons = {}  # code or "" (unattributed) -> [projected outer ring with its holes]
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = codes.get(geometry.get("id")) or PART_OF.get(name, "")
        shapes = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        for polygon in shapes.get(geometry["type"], []):
            if any(crosses_antimeridian(ring_points(ring, raw)) for ring in polygon):
                # Cut at the antimeridian, each piece a polygon of its own (no hole lies there).
                for ring in polygon:
                    for piece in split_at_antimeridian(ring_points(ring, raw)):
                        projected = [project(*point) for point in piece]
                        polygons.setdefault(code, []).append([simplify(projected + projected[:1], TOLERANCE)])
            else:
                polygons.setdefault(code, []).append([ring_points(ring, arcs) for ring in polygon])
    countries = {}
    for code in sorted(codes.values()):
        entry = {}
        rings = [ring for polygon in polygons.get(code, []) for ring in polygon]
        if rings:
            xs = [x for ring in rings for x, _ in ring]
            ys = [y for ring in rings for _, y in ring]
            bounds = [min(xs), min(ys), max(xs), max(ys)]
            largest = max((polygon[0] for polygon in polygons[code]), key=lambda ring: abs(area(ring)))
            centre = centroid(largest)
            drawn = [ring for ring in map(rounded, rings) if ring]
            if drawn and (bounds[2] - bounds[0] >= DOT_BELOW or bounds[3] - bounds[1] >= DOT_BELOW):
                entry["d"] = path_data(drawn)
            entry["bounds"] = [math.floor(bounds[0]), math.floor(bounds[1])] + [
                math.ceil(bounds[2]),
                math.ceil(bounds[3]),
            ]
        elif code in POSITIONS:
            centre = project(*POSITIONS[code])
        else:
            raise CommandError(f"{code} has no shape in the file and no position in POSITIONS.")
        entry["centre"] = [round(centre[0], 1), round(centre[1], 1)]
        countries[code] = entry
    land = [ring for ring in map(rounded, (r for p in polygons.get("", []) for r in p)) if ring]
    return {
        "source": SOURCE,
        "projection": "Equal Earth",
        "width": WIDTH,
        "height": HEIGHT,
        "countries": countries,
        "unattributed": path_data(land),
        "outline": path_data([rounded(outline())]),
    }


class Command(BaseCommand):
    help = "Build kernel/data/world_map.json from world-atlas's countries-50m.json."

    def add_arguments(self, parser):
        parser.add_argument("topojson", help="countries-50m.json from npm world-atlas 2.0.2")
        parser.add_argument("--output", default=str(maps.DATA_FILE))

    def handle(self, *args, topojson, output, **options):
        try:
            topology = json.loads(Path(topojson).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {topojson}: {error}") from error
        data = build(topology)
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        shapes = sum("d" in entry for entry in data["countries"].values())
        dots = len(data["countries"]) - shapes
        self.stdout.write(
            f"Wrote {output}: {shapes} shapes, {dots} dots, {Path(output).stat().st_size:,} bytes."
        )
