"""Places and their maps: the gazetteer lookup, the projection, the places page and, in Chromium, the map."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from factsheet.errors import ContentError
from factsheet.pages import mapsvg
from factsheet.pages.mapsvg import Marker, View, clusters, countries, distance_km, map_svg
from factsheet.publish.build import Project, build_site, check_sheet, render
from factsheet.read import places as gazetteer
from factsheet.read.model import Place
from factsheet.read.places import locate
from tests.conftest import FIXTURE, ROOT
from tests.site_helpers import SITE_PATH, copy_project, serve_site

BOUNDARIES = ROOT / "generator/factsheet/pages/geodata/countries-50m.json"
BOUNDARIES_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
"""world-atlas 2.0.2's countries-50m.json."""


def place(**fields: object) -> Place:
    return Place.model_validate({"id": "p", "name": "x", "country": "x", **fields})


# -- the gazetteer -------------------------------------------------------------------------


def test_a_city_is_found_by_name_and_country_with_the_gazetteers_coordinates() -> None:
    found, problems = locate((place(id="vladivostok", name="Vladivostok", country="Russia"),
                              place(id="seoul", name="Seoul", country="KR")))
    assert problems == []
    vladivostok, seoul = found["vladivostok"], found["seoul"]
    assert (round(vladivostok.lat, 2), round(vladivostok.lon, 2), vladivostok.geonames) == (43.11, 131.87, 2013348)
    assert vladivostok.country == "Russia" and vladivostok.country_number == "643" and vladivostok.from_gazetteer
    assert seoul.country == "South Korea" and seoul.coordinates == "37.57° N, 126.98° E"


def test_an_alternate_name_is_found_and_the_country_tells_same_names_apart() -> None:
    found, problems = locate((place(id="ghent", name="Ghent", country="Belgium"),
                              place(id="donetsk", name="Donetsk", country="Ukraine")))
    assert problems == []
    assert found["ghent"].place.name == "Ghent" and found["ghent"].geonames == 2797656  # GeoNames calls it Gent
    assert found["donetsk"].country_code == "UA"  # not the Donetsk of Rostov oblast, Russia


def test_a_name_shared_within_a_country_needs_its_geonames_id() -> None:
    _, problems = locate((place(name="Blagoveshchensk", country="Russia"),))
    [(i, problem)] = problems
    assert (i, problem.field) == (0, "name")
    assert "2026609 (Blagoveshchensk, population 221,296, 50.28° N 127.54° E)" in problem.message
    assert "576116" in problem.message and "geonames:" in problem.hint
    found, problems = locate((place(name="Blagoveshchensk", country="Russia", geonames=2026609),))
    assert problems == [] and round(found["p"].lat, 2) == 50.28


def test_the_editors_coordinates_are_used_without_reading_the_gazetteers_cities(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_cities(*_: object) -> None:
        raise AssertionError("the list of cities was read")

    monkeypatch.setattr(gazetteer, "_cities_named", no_cities)
    gazetteer._locate.cache_clear()
    found, problems = locate((place(name="A village", country="Ukraine", lat="47.5", lon="-37.25"),))
    assert problems == [] and (found["p"].lat, found["p"].lon) == (47.5, -37.25)
    assert not found["p"].from_gazetteer and found["p"].coordinates == "47.50° N, 37.25° W"


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"name": "Old Bridge", "country": "Belgium"}, "name", "'Old Bridge' is not in the gazetteer's cities of Belgium"),
    ({"name": "Gent", "country": "Belguim"}, "country", "unknown country 'Belguim'"),
    ({"name": "Gent", "country": "Belgium", "geonames": 2013348}, "geonames", "GeoNames id 2013348 is in Russia, not Belgium"),
    ({"name": "Gent", "country": "Belgium", "geonames": 999999999}, "geonames", "GeoNames id 999999999 is not in the gazetteer"),
])
def test_what_cannot_be_located_is_said_with_the_field_to_fix(fields: dict[str, object], field: str, message: str) -> None:
    found, [(_, problem)] = locate((place(**fields),))
    assert found == {} and (problem.field, problem.message) == (field, message)


# -- the boundaries and the projection ------------------------------------------------------


def test_the_boundaries_are_world_atlas_own_file_pinned_by_its_hash() -> None:
    assert hashlib.sha256(BOUNDARIES.read_bytes()).hexdigest() == BOUNDARIES_SHA256
    assert json.loads((ROOT / "package.json").read_text())["devDependencies"]["world-atlas"] == "2.0.2"
    installed = ROOT / "node_modules/world-atlas/countries-50m.json"
    assert installed.exists(), "run `make test` (npm ci installs world-atlas)"
    assert installed.read_bytes() == BOUNDARIES.read_bytes(), "copy node_modules/world-atlas/countries-50m.json"


def inside(lon: float, lat: float, rings: tuple[tuple[tuple[float, float], ...], ...]) -> bool:
    """Even-odd rule: whether a point lies in a country's rings (holes count out)."""
    hits = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hits += 1
    return hits % 2 == 1


@pytest.mark.parametrize(("number", "lon", "lat"), [("056", 4.35, 50.85), ("804", 37.80, 48.02), ("643", 135.08, 48.48),
                                                    ("408", 125.75, 39.03), ("410", 126.98, 37.57), ("348", 19.04, 47.50)])
def test_decoded_boundaries_hold_their_capitals_and_cities(number: str, lon: float, lat: float) -> None:
    by_number = {c.number: c for c in countries()}
    assert inside(lon, lat, by_number[number].rings)
    others = [c.name for c in countries() if c.number != number and inside(lon, lat, c.rings)]
    assert others == []


def test_every_country_is_there_hungary_and_serbia_too() -> None:
    names = {c.name for c in countries()}
    assert {"Hungary", "Serbia", "Montenegro", "Myanmar", "North Korea", "South Korea", "Russia", "Ukraine"} <= names
    assert len(names) >= 240


def marker(ident: str, lat: float, lon: float, country: str = "643") -> Marker:
    return Marker(ident, ident.title(), lat, lon, f"#{ident}", country)


def test_distances_and_groups_of_nearby_places() -> None:
    brussels, donetsk = marker("brussels", 50.85, 4.35, "056"), marker("donetsk", 48.02, 37.80, "804")
    vladivostok, pyongyang = marker("vladivostok", 43.11, 131.87), marker("pyongyang", 39.03, 125.75, "408")
    assert 2300 < distance_km(brussels, donetsk) < 2500
    assert distance_km(vladivostok, vladivostok) == 0
    assert clusters([vladivostok, brussels, pyongyang, donetsk]) == [[brussels, donetsk], [pyongyang, vladivostok]]


def test_a_view_holds_its_places_inside_the_frame_in_proportion() -> None:
    markers = [marker("a", 43.11, 131.87), marker("b", 50.28, 127.54), marker("c", 39.03, 125.75)]
    view = View.around(markers)
    for m in markers:
        x, y = view.point(m.lon, m.lat)
        assert 0 < x < view.width and 0 < y < view.height
    assert view.point(view.west, view.north) == (0, 0)
    assert view.point(view.east, view.south) == (view.width, view.height)
    assert 0.6 <= view.height / view.width <= 1.0
    # Degrees of longitude are shorter by cos(latitude): a square of ground is a square on the map.
    x0, y0 = view.point(128, 45)
    x1, y1 = view.point(129, 44)
    assert (x1 - x0) / (y1 - y0) == pytest.approx(view.squeeze, rel=1e-9)


def test_a_map_has_a_title_a_description_and_a_linked_marker_per_place_and_nothing_from_outside() -> None:
    markers = [marker("vladivostok", 43.11, 131.87), marker("ussuriysk", 43.80, 131.95), marker("khabarovsk", 48.48, 135.08)]
    svg = str(map_svg(markers, "fs-map-1", "Map: Vladivostok, Ussuriysk and Khabarovsk"))
    assert svg.startswith('<svg class="fs-map" viewBox="0 0 400 ') and svg.endswith("</svg>")
    assert '<title id="fs-map-1-title">Map: Vladivostok, Ussuriysk and Khabarovsk</title>' in svg
    assert 'aria-labelledby="fs-map-1-title" aria-describedby="fs-map-1-desc"' in svg
    assert re.findall(r'<a class="fs-map-marker" href="([^"]*)"><circle [^>]*/><text [^>]*>([^<]*)</text></a>', svg) == [
        ("#vladivostok", "Vladivostok"), ("#ussuriysk", "Ussuriysk"), ("#khabarovsk", "Khabarovsk")]
    assert 'class="fs-map-country fs-map-country--named"' in svg  # Russia, shaded
    assert "http" not in svg and "style=" not in svg and "<script" not in svg and "<image" not in svg


def test_labels_of_close_places_do_not_overlap() -> None:
    # Vladivostok and Ussuriysk are 80 km apart: a few map units on a map of the Far East.
    markers = [marker("vladivostok", 43.11, 131.87), marker("ussuriysk", 43.80, 131.95), marker("khabarovsk", 48.48, 135.08),
               marker("blagoveshchensk", 50.28, 127.54), marker("pyongyang", 39.03, 125.75, "408")]
    view = View.around(markers)
    points = [(m, *view.point(m.lon, m.lat)) for m in markers]
    boxes = []
    for (m, _, _), (x, y, anchor) in zip(points, mapsvg._labels(points, view)):
        width = 0.58 * mapsvg.FONT * len(m.name)
        left = x - {"start": 0, "end": width, "middle": width / 2}[anchor]
        boxes.append((left, y - mapsvg.FONT + 3, left + width, y + 3))
    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[2] <= view.width and 0 <= a[1] and a[3] <= view.height
        for b in boxes[i + 1:]:
            assert mapsvg._overlap(a, b) == 0


def test_clipping_keeps_a_ring_within_its_rectangle() -> None:
    ring = [(-50.0, -50.0), (150.0, -50.0), (150.0, 150.0), (-50.0, 150.0)]
    clipped = mapsvg._clip(ring, 0, 0, 100, 100)
    assert sorted(set(clipped)) == [(0.0, 0.0), (0.0, 100.0), (100.0, 0.0), (100.0, 100.0)]
    assert mapsvg._clip([(200.0, 200.0), (300.0, 200.0), (300.0, 300.0)], 0, 0, 100, 100) == []


# -- the real sheet's places page -------------------------------------------------------------


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render(Project(ROOT / "content", ROOT / "seeds"))


def test_the_places_page_lists_exactly_the_claims_of_each_place_with_their_badges(pages: dict[str, str]) -> None:
    content = check_sheet(Project(ROOT / "content", ROOT / "seeds")).content
    page = pages["places/index.md"]
    sections = re.split(r"^## ", page, flags=re.M)[1:]
    listed = {}
    for section in sections:
        anchor = re.match(r".* \{ #([a-z0-9_-]+) \}", section).group(1)
        items = re.findall(r'<li><span class="fs-badge fs-badge--([a-z-]+)">[^<]*</span> <a href="[^"#]*#([a-z0-9-]+)">', section)
        listed[anchor] = items
    expected = {p.id: [(c.status.value, c.id) for _, _, c in content.claims() if p.id in c.places] for p in content.places}
    assert {k: v for k, v in listed.items() if k != "map_sources"} == expected
    assert set(expected) == {"vladivostok", "ussuriysk", "khabarovsk", "blagoveshchensk", "donetsk", "pyongyang", "brussels"}
    assert all(expected.values())  # every place is named by a claim
    assert "Coordinates are GeoNames'" in page and "Natural Earth" in page and "world-atlas 2.0.2" in page


def test_the_places_page_draws_a_marker_per_place_and_loads_nothing_from_outside(pages: dict[str, str]) -> None:
    page = pages["places/index.md"]
    assert page.count('<svg class="fs-map"') == 2  # Europe, and the Far East with Korea
    markers = re.findall(r'<a class="fs-map-marker" href="#([a-z0-9-]+)">', page)
    assert sorted(markers) == sorted(["vladivostok", "ussuriysk", "khabarovsk", "blagoveshchensk", "donetsk", "pyongyang", "brussels"])
    for svg in re.findall(r"<svg.*?</svg>", page):
        assert "http" not in svg and "style=" not in svg
    assert not re.search(r'\b(?:src|srcset)=', page) and "<script" not in page and "<link" not in page
    outbound = {urlsplit(u).hostname for u in re.findall(r'href="(https?://[^"]+)"', page)}
    assert outbound <= {"www.geonames.org", "creativecommons.org"}  # links a reader may follow; nothing is loaded


def test_a_claim_says_where_with_links_to_its_places(pages: dict[str, str]) -> None:
    topic = pages["topics/03-in-russia.md"]
    line = re.search(r'<p class="fs-where">Where: (.*?)</p>', topic).group(1)
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a>', line) == [
        ("../../places/#vladivostok", "Vladivostok"), ("../../places/#ussuriysk", "Ussuriysk"),
        ("../../places/#khabarovsk", "Khabarovsk"), ("../../places/#blagoveshchensk", "Blagoveshchensk")]


def test_a_sheet_without_places_has_a_places_page_that_says_so(small: Path) -> None:
    page = render(Project(small / "content", small / "seeds"))["places/index.md"]
    assert "No claim names a place yet." in page and "<svg" not in page


def test_many_places_are_laid_out_on_pages_of_a_bounded_size_each_with_its_own_map(small: Path) -> None:
    rows = "".join(f"  - id: p{n}\n    name: P{n}\n    country: Belgium\n    lat: {50 + n / 100:.2f}\n    lon: {4 + n / 50:.2f}\n"
                   for n in range(60))
    (small / "content/places.yaml").write_text("places:\n" + rows, encoding="utf-8")
    claim = small / "content/topics/closure.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace(
        "    status: confirmed", "    places: [" + ", ".join(f"p{n}" for n in range(60)) + "]\n    status: confirmed", 1), encoding="utf-8")
    pages = render(Project(small / "content", small / "seeds"))
    numbered = sorted(p for p in pages if re.fullmatch(r"places/\d+\.md", p))
    assert numbered == ["places/1.md", "places/2.md", "places/3.md"]
    assert "60 entries on 3 pages of at most 25" in pages["places/index.md"]
    for path in numbered:
        on_page = re.findall(r"^## P\d+ \{ #(p\d+) \}", pages[path], flags=re.M)
        assert 0 < len(on_page) <= 25
        assert sorted(re.findall(r'<a class="fs-map-marker" href="#(p\d+)">', pages[path])) == sorted(on_page)
        assert "The editors give the coordinates of every place." in pages[path]
    topic = pages["topics/closure.md"]
    assert '<a href="../../places/3/#p59">P59</a>' in topic


def test_a_place_problem_fails_the_check_with_its_line(small: Path) -> None:
    (small / "content/places.yaml").write_text("places:\n  - id: gent\n    name: Gent\n    country: Belgium\n    lat: 51\n",
                                               encoding="utf-8")
    with pytest.raises(ContentError) as failed:
        check_sheet(Project(small / "content", small / "seeds"))
    assert [str(p) for p in failed.value.problems] == [
        "content/places.yaml:2:5: places[0]: give both `lat` and `lon`, or neither (the gazetteer then gives them)"]


# -- in Chromium -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_site(copy_project(tmp_path_factory.mktemp("places")) / "mkdocs.yml")
    with serve_site(site, SITE_PATH) as address:
        yield address


@pytest.mark.browser
def test_the_map_renders_and_a_marker_leads_to_its_entry_with_no_console_error_and_no_outside_request(
        browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    page.goto(f"{site_url}/places/")
    page.wait_for_load_state("networkidle")
    maps = page.locator("svg.fs-map")
    assert maps.count() == 2
    for n in range(2):
        box = maps.nth(n).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150
    assert page.locator("svg.fs-map path.fs-map-country").count() > 20  # boundaries drawn, not an empty frame
    assert page.locator("svg.fs-map a.fs-map-marker").count() == 7
    label = page.locator("svg.fs-map a.fs-map-marker", has_text="Khabarovsk")
    assert label.is_visible()
    label.click()
    page.wait_for_function("location.hash === '#khabarovsk'")
    heading = page.locator("h2#khabarovsk")
    assert heading.is_visible() and heading.evaluate("h => h.getBoundingClientRect().top") < 300
    assert page.locator("h2#khabarovsk + div.fs-entry li").count() == 2
    # The claim page's "Where" link comes back to the same entry.
    page.goto(f"{site_url}/topics/01-deployment/")
    page.locator("p.fs-where a", has_text="Vladivostok").first.click()
    page.wait_for_url("**/places/#vladivostok")
    context.close()
    assert problems == [] and outside == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_places_page_has_no_accessibility_violation(browser, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    axe = ROOT / "node_modules/axe-core/axe.min.js"
    assert axe.exists(), "run `make test` (npm ci installs axe-core)"
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})  # axe is the test's script
    page = context.new_page()
    page.goto(f"{site_url}/places/")
    page.add_script_tag(path=str(axe))
    result = page.evaluate("axe.run(document.querySelector('article'), {resultTypes: ['violations']})")
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_a_preview_rebuild_after_renaming_a_place_shows_the_new_name_everywhere(small: Path) -> None:
    from factsheet.publish.build import Builder

    places = small / "content/places.yaml"
    places.write_text("places:\n  - id: bridge\n    name: Old Bridge\n    country: Belgium\n    lat: 51.05\n    lon: 3.72\n",
                      encoding="utf-8")
    claim = small / "content/topics/closure.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("    status: confirmed", "    places: [bridge]\n    status: confirmed", 1),
                     encoding="utf-8")
    builder = Builder(Project(small / "content", small / "seeds"))  # as `mkdocs serve` keeps it across rebuilds
    pages, _ = builder.render()
    assert '<a href="../../places/#bridge">Old Bridge</a>' in pages["topics/closure.md"]
    places.write_text(places.read_text(encoding="utf-8").replace("Old Bridge", "The Old Bridge"), encoding="utf-8")
    pages, _ = builder.render()
    assert '<a href="../../places/#bridge">The Old Bridge</a>' in pages["topics/closure.md"]
    assert "## The Old Bridge { #bridge }" in pages["places/index.md"] and ">The Old Bridge</text>" in pages["places/index.md"]
