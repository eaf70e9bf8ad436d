"""Property-based tests (Hypothesis): no input gives a traceback; escaped text renders as itself."""
from __future__ import annotations

import html
import re

import markdown
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factsheet.read.content import validate_shape
from factsheet.errors import Problem
from factsheet.views.escaping import MARKDOWN_EXTENSIONS, md_text
from factsheet.read.model import Topic
from factsheet.read.yamlsafe import load_yaml_text

YAML_ALPHABET = st.sampled_from(list(" \n\t-:[]{}!&*#'\"|>%@`,?~abcxyz019.\\") + ["\u202e", "\u00e9", "NO", "on", "12:30", "- ", "  "])


@settings(max_examples=400, deadline=None)
@given(st.lists(YAML_ALPHABET, max_size=80).map("".join))
@example("!!python/object/apply:os.system [id]")
@example("a: &x [1]\nb: *x")
@example("[" * 200)
def test_any_text_loads_or_gives_located_problems(text: str) -> None:
    doc, problems = load_yaml_text(text, "f.yaml")
    assert (doc is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, Problem) and problem.location.path == "f.yaml"
        assert problem.location.line >= 1 and problem.location.column >= 1


scalars = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["confirmed", "asserts", "2024-10-18", "2024-13-45", "nis", "Bad Id"]))
records = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["title", "claims", "id", "statement", "claimed_by", "status", "status_note",
                                         "evidence", "source", "stance", "quote", "via", "figures", "history", "x"]),
                        inner, max_size=6),
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["title", "summary", "claims", "other"]), records, max_size=4))
def test_any_record_validates_or_gives_located_problems(data: dict) -> None:  # type: ignore[type-arg]
    from factsheet.read.yamlsafe import YamlDocument

    result = validate_shape(YamlDocument("t.yaml", data), Topic)
    if isinstance(result, list):
        assert result and all(isinstance(p, Problem) and str(p).startswith("t.yaml:1:1: ") for p in result)


# Text as a Line field stores it: no control characters, whitespace folded, not empty.
line_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60) \
    .map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=1500, deadline=None)
@given(line_text)
@example("T {: onclick=alert(1) }")
@example('[x](https://ok.example){: href="javascript:alert(1)" }')
@example("a <![ b")
@example(":material-check: &amp; ~~x~~ ^^y^^ ==z== [^1] <https://a.example>")
def test_escaped_text_renders_back_to_itself_with_no_element(text: str) -> None:
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    out = md.convert(f"| h |\n| - |\n| {md_text(text)} |\n\n## {md_text(text)} {{ #c }}\n\n{md_text(text)}\n")
    cells = re.findall(r"<td>(.*?)</td>", out, re.S)
    heading = re.findall(r'<h2 id="c">(.*?)</h2>', out, re.S)
    paragraph = re.findall(r"<p>(.*?)</p>", out, re.S)
    for fragment in (cells, heading, paragraph):
        assert len(fragment) == 1, out
        assert "<" not in fragment[0], out
        assert html.unescape(fragment[0]).strip() == text.strip(), out
