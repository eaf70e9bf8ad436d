from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite tests/golden/ from the current output; review the diff.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the small fixture sheet; the working folder is its root."""
    shutil.copytree(FIXTURE, tmp_path / "small")
    monkeypatch.chdir(tmp_path / "small")
    return tmp_path / "small"


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact passage of a file (the test fails if it is not there once)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should appear once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "install Debian's chromium (scripts/install-chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built as `factsheet build` builds it, once for the browser tests (a module may define its own)."""
    from factsheet.publish.build import build_site
    from tests.site_helpers import copy_project

    return build_site(copy_project(tmp_path_factory.mktemp("browser")) / "mkdocs.yml")


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """That site served on loopback at site_url's path, as it will be published."""
    from tests.site_helpers import SITE_PATH, serve_site

    with serve_site(site, SITE_PATH) as address:
        yield address
