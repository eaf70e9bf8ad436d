"""Badges told apart without colour: by lightness in greyscale, under deuteranopia, and by shape and icon."""
from __future__ import annotations

import itertools
import re
from importlib.resources import files

import pytest

from factsheet.check.statuses import STATUSES
from factsheet.views.icons import icon_css

CSS = (files("factsheet.pages") / "assets" / "factsheet.css").read_text(encoding="utf-8")
WHITE = (255, 255, 255)
# Machado, Oliveira and Fernandes (2009): deuteranopia at full severity, on linear RGB.
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))


def rule(status: str) -> dict[str, str]:
    body = re.search(rf"\.md-typeset \.fs-badge--{re.escape(status)} \{{([^}}]*)\}}", CSS)
    assert body, f"no badge rule for {status}"
    return dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.group(1).split(";") if ":" in d))


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: tuple[int, int, int]) -> float:
    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def deuteranope(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    lin = [linear(c) for c in colour]
    out = [max(0.0, min(1.0, sum(m * v for m, v in zip(row, lin)))) for row in DEUTERANOPIA]
    return tuple(round(255 * (12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055)) for v in out)  # type: ignore[return-value]


def fill(status: str) -> tuple[int, int, int]:
    return rgb(rule(status)["background-color"])


def text(status: str) -> tuple[int, int, int]:
    return rgb(rule(status).get("color", "#ffffff"))


STATUS_VALUES = [t.value for t in STATUSES.values()]
PAIRS = list(itertools.combinations(STATUS_VALUES, 2))


@pytest.mark.parametrize("status", STATUS_VALUES)
def test_every_badge_word_is_readable_on_its_fill(status: str) -> None:
    assert contrast(fill(status), text(status)) >= 4.5, status  # WCAG AA for the badge's word


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_badges_differ_in_lightness_so_greyscale_keeps_them_apart(a: str, b: str) -> None:
    assert contrast(fill(a), fill(b)) >= 1.4, (a, b)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_badges_stay_apart_for_a_deuteranope(a: str, b: str) -> None:
    assert contrast(deuteranope(fill(a)), deuteranope(fill(b))) >= 1.4, (a, b)


def test_every_badge_has_its_own_shape_and_icon() -> None:
    shapes = {s: (rule(s).get("border", "none").split()[1:2] or ["none"])[0] + "/" + rule(s).get("border-radius", "pill")
              for s in STATUS_VALUES}
    # Fills alone differ by lightness; the two lightest also differ in outline, and the darkest in corners.
    assert len({shapes[s] for s in ("unconfirmed", "on-record")}) == 2
    assert shapes["denied"] != shapes["confirmed"]
    icons = {s: re.search(rf"\.fs-badge--{s}::before \{{ -webkit-mask-image: (url\([^)]*\))", icon_css()).group(1)  # type: ignore[union-attr]
             for s in STATUS_VALUES}
    assert len(set(icons.values())) == len(STATUS_VALUES)
