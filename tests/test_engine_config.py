"""The plugin brings what the site needs; a mkdocs.yml it cannot work with fails, naming the key and the fix."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import run

MINIMAL = """site_name: Fixture
site_url: https://example.org/fixture/
theme:
  name: material
plugins:
  - factsheet
"""


def test_a_minimal_mkdocs_yml_gives_the_full_site(small: Path) -> None:
    (small / "mkdocs.yml").write_text(MINIMAL)
    code, out = run("build")
    assert code == 0, out
    page = (small / "site/topics/closure/index.html").read_text()
    assert '<h2 id="closed-six-weeks">' in page and "{ #" not in page  # anchors, not literal attribute lists
    assert 'href="../../stylesheets/factsheet.css"' in page  # badges styled
    assert 'class="fs-badge fs-badge--confirmed"' in page
    assert 'id="fs-search"' in page and "pagefind/pagefind-ui.js" in page  # the search box
    assert 'http-equiv="Content-Security-Policy"' in page
    assert "fonts.googleapis.com" not in page  # Material's default font would be blocked by the CSP
    assert (small / "site/pagefind/pagefind-entry.json").is_file()
    assert (small / "generated/.gitignore").read_text().endswith("*\n")  # our folder, ignored by git


@pytest.mark.parametrize(("config", "message"), [
    (MINIMAL.replace("name: material", "name: mkdocs"),
     "mkdocs.yml: theme.name: factsheet builds on the Material theme, not 'mkdocs'; set `theme: {name: material}` "
     "in mkdocs.yml"),
    (MINIMAL + "markdown_extensions:\n  - pymdownx.emoji\n  - attr_list\n",
     "mkdocs.yml: markdown_extensions: pymdownx.emoji would make editors' text live markup (factsheet escapes for "
     "attr_list, admonition, footnotes, tables, toc, fenced_code only); remove it"),
    (MINIMAL + "  - search\n",
     "mkdocs.yml: plugins: 'material/search' builds a second search index (30 MB at 10,000 claims) that the page "
     "never uses; remove it: factsheet brings Pagefind search"),
    (MINIMAL.replace("name: material", "name: material\n  font:\n    text: Inter"),
     "mkdocs.yml: theme.font: fonts are loaded from Google Fonts, which the site's Content-Security-Policy blocks; "
     "set `font: false` under theme"),
    (MINIMAL.replace("name: material", "name: material\n  custom_dir: overrides"),
     "mkdocs.yml: theme.custom_dir: overrides/main.html hides factsheet's own main.html (the search box and what "
     "search indexes); remove or rename it"),
    (MINIMAL.replace("plugins:\n  - factsheet", "docs_dir: generated\nplugins:\n  - factsheet"),
     "mkdocs.yml: plugins.factsheet.pages_dir: 'generated' and docs_dir 'generated' overlap; docs_dir holds your own "
     "pages and pages_dir factsheet's: give each its own folder (the default pages_dir is 'generated')"),
])
def test_a_config_the_site_cannot_work_with_fails_with_the_key_and_the_fix(small: Path, config: str, message: str) -> None:
    (small / "mkdocs.yml").write_text(config)
    (small / "overrides").mkdir()
    (small / "overrides/main.html").write_text("{% extends 'base.html' %}")
    (small / "generated").mkdir()
    code, out = run("build")
    assert code == 1, out
    assert message in out
    assert "Traceback" not in out and not (small / "site").exists()


def test_without_site_url_the_build_warns_and_publish_refuses(small: Path) -> None:
    (small / "mkdocs.yml").write_text(MINIMAL.replace("site_url: https://example.org/fixture/\n", ""))
    code, out = run("build")
    assert code == 0, out
    assert "warning: mkdocs.yml: site_url is not set, so the links in ClaimReview, feed.xml and claims.json" in out
    page = (small / "site/topics/closure/index.html").read_text()
    assert '"url":"#closed-six-weeks"' in page  # the claim's anchor on its own page, never a doubled path
    code, out = run("build", "--publish")
    assert code == 1 and "site_url is not set" in out


def test_site_url_makes_every_published_link_absolute(small: Path) -> None:
    import json

    (small / "mkdocs.yml").write_text(MINIMAL.replace("site_url: https://example.org/fixture/\n", ""))
    code, out = run("build", "--publish", "--site-url", "https://news.example/sheets/bridge")
    assert code == 0, out
    data = json.loads((small / "site/claims.json").read_text())
    assert {c["url"] for c in data["claims"]} >= {"https://news.example/sheets/bridge/topics/closure/#closed-six-weeks"}
    assert all(c["url"].startswith("https://news.example/sheets/bridge/topics/") for c in data["claims"])
    feed = (small / "site/feed.xml").read_text()
    assert 'href="https://news.example/sheets/bridge/topics/closure/#closed-six-weeks"' in feed
    page = (small / "site/topics/closure/index.html").read_text()
    assert '"url":"https://news.example/sheets/bridge/topics/closure/#closed-six-weeks"' in page
    assert "topics/closure/topics/closure" not in page + feed
    code, out = run("build", "--site-url", "javascript:alert(1)")
    assert code == 1 and "not an http(s) address" in out
