"""Places and the claims whose events happened there, worked out once per build."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..read.model import Place
from ..read.places import Located, locate

if TYPE_CHECKING:  # siteindex builds this; importing it here would be a cycle
    from .siteindex import ClaimView


@dataclass(frozen=True)
class PlaceEntry:
    """One place of the places page: where it is (None only in a build with problems) and its claims."""

    place: Place
    located: Located | None
    claims: tuple[ClaimView, ...]


@dataclass
class PlaceIndex:
    """Every defined place, in the order of places.yaml, with the claims naming it in the sheet's order."""

    entries: dict[str, PlaceEntry] = field(default_factory=dict)

    @classmethod
    def build(cls, places: list[Place], views: Iterable[ClaimView]) -> PlaceIndex:
        located, _ = locate(tuple(places))  # problems are the checker's to report
        named: dict[str, list[ClaimView]] = {p.id: [] for p in places}
        for view in views:
            for place_id in dict.fromkeys(view.claim.places):
                if place_id in named:
                    named[place_id].append(view)
        return cls({p.id: PlaceEntry(p, located.get(p.id), tuple(named[p.id])) for p in places})

    def name(self, place_id: str) -> str:
        return self.entries[place_id].place.name

    def of(self, ids: Iterable[str]) -> list[PlaceEntry]:
        return [self.entries[i] for i in ids]
