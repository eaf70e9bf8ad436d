"""`factsheet`: check the content, render it, build the site."""
from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import ContentError, FactsheetError
from .publish.build import Project, build_site, check_sheet, render
from .publish.schema import schema_files
from .publish.writer import write_tree
from .read.model import SourceKind
from .starter import create_sheet

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn every failure into a message and exit code 1: never a traceback for editors."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ContentError as exc:
            click.echo(exc.report(), err=True)
            raise click.ClickException(f"{exc}; fix them and run again") from None
        except click.ClickException:
            raise
        except (FactsheetError, OSError) as exc:
            raise click.ClickException(str(exc)) from None
        except Exception as exc:  # a bug of ours, not the editor's: say so plainly
            if os.environ.get("FACTSHEET_DEBUG"):
                traceback.print_exc()
            raise click.ClickException(
                f"internal error ({type(exc).__name__}: {exc}); please report it "
                "(set FACTSHEET_DEBUG=1 to see the details)") from None

    return wrapper  # type: ignore[return-value]


def project_options(func: F) -> F:
    func = click.option("--seeds", "seeds_dir", default="seeds", show_default=True, type=click.Path(path_type=Path),
                        help="Folder of source texts that quotes are checked against.")(func)
    return click.option("--content", "content_dir", default="content", show_default=True, type=click.Path(path_type=Path),
                        help="Folder of the fact sheet's YAML.")(func)  # type: ignore[return-value]


FORCE_HELP = "Write into a folder that also holds files factsheet did not write (they are left alone)."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factsheet")
def cli() -> None:
    """Turn YAML claim records into a fact-sheet website."""


@cli.command(name="check")
@project_options
@friendly
def check_command(content_dir: Path, seeds_dir: Path) -> None:
    """Validate the content: every problem, as path:line:column: message."""
    checked = check_sheet(Project(content_dir, seeds_dir))
    for warning in checked.warnings:
        click.echo(str(warning), err=True)
    content = checked.content
    claims = content.claims()
    described = {s.id for s in content.sources if s.seed is None}  # footage or a recording, cited by description
    items = [e.source for _, _, c in claims for e in c.evidence]
    quotes, descriptions = sum(s not in described for s in items), sum(s in described for s in items)
    click.echo(f"OK: {_count(len(claims), 'claim')} in {_count(len(content.topics), 'topic')}, "
               f"{_count(len(content.sources), 'source')}, {_count(len(content.actors), 'actor')}; "
               f"all {quotes} quotes found in their sources"
               + (f", {_count(descriptions, 'description')} of a video, photo or recording (not checked)" if descriptions else "")
               + (f"; {_count(len(checked.warnings), 'warning')}" if checked.warnings else ""))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


@cli.command(name="render")
@project_options
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the generated Markdown into (new, empty, or written by factsheet before).")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@friendly
def render_command(content_dir: Path, seeds_dir: Path, out_dir: Path, force: bool) -> None:
    """Write the generated Markdown to a folder, for inspection or another engine."""
    _write(out_dir, render(Project(content_dir, seeds_dir)), force)


@cli.command(name="build")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The MkDocs configuration.")
@click.option("--site-url", metavar="URL", help="Where the site is published (overrides site_url in mkdocs.yml).")
@click.option("--publish", is_flag=True,
              help="Building to publish: fail if no site_url is set (published links must be absolute).")
@friendly
def build_command(config_file: Path, site_url: str | None, publish: bool) -> None:
    """Validate, then build the site with `mkdocs build --strict`; site/ is replaced only on success."""
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_warnings()
    if not config_file.is_file():
        raise click.ClickException(f"{config_file}: not found; run from the sheet's folder (the one with "
                                   "mkdocs.yml), pass -f, or start a sheet with `factsheet new DIR`")
    try:
        site = build_site(config_file, site_url=site_url, publish=publish)
    except MkDocsException as exc:
        raise click.ClickException(f"{exc.format_message()} The previous site was left as it was.") from None
    click.echo(f"Built {site}")


@cli.command(name="new")
@click.argument("directory", type=click.Path(path_type=Path))
@friendly
def new_command(directory: Path) -> None:
    """Start a fact sheet in a new folder: an example of every file, ready to build and publish."""
    written = create_sheet(directory, __version__)
    click.echo(f"Started a fact sheet in {directory} ({len(written)} files). Next:\n"
               f"  cd {directory}\n"
               "  factsheet build        # check the example and build it into site/\n"
               "  mkdocs serve           # preview at http://127.0.0.1:8000 while you edit content/\n"
               "EDITING.md explains the files; .github/workflows/publish.yml and .gitlab-ci.yml publish the site.")


@cli.command(name="schema")
@click.option("--out", "out_dir", default="schema", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the JSON Schemas into.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@friendly
def schema_command(out_dir: Path, force: bool) -> None:
    """Write the JSON Schemas of the content files (for editors' YAML autocompletion)."""
    _write(out_dir, schema_files(), force)


def _write(out_dir: Path, files: dict[str, str], force: bool) -> None:
    report = write_tree(out_dir, files, foreign_ok=force,
                        hint="choose a new or empty folder, or pass --force to write beside them")
    click.echo(f"{out_dir}: wrote {len(report.written)}, removed {len(report.removed)}, unchanged {report.unchanged}")


@cli.command(name="add-source")
@click.argument("target", metavar="PATH_OR_URL")
@project_options
@click.option("--id", "source_id", help="The source's id (default: from the publisher's name).")
@click.option("--kind", type=click.Choice([k.value for k in SourceKind]), help="What the source is (default: news-site, or other without a URL).")
@click.option("--title", help="The title, where the page's is missing or wrong.")
@click.option("--publisher", help="Who published it (default: the site's name).")
@click.option("--author", help="Who wrote it.")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), help="Publication date, YYYY-MM-DD (default: found in the page).")
@click.option("--url", help="Where readers can read it (default: the page's own URL).")
@click.option("--archive-url", help="An archived copy of the page.")
@click.option("--language", help="The text's language as a BCP 47 tag (default: detected).")
@click.option("--retrieved", type=click.DateTime(["%Y-%m-%d"]), help="When the copy was taken, YYYY-MM-DD (default: today).")
@click.option("--offline", is_flag=True, help="Never fetch: refuse a URL.")
@friendly
def add_source_command(target: str, content_dir: Path, seeds_dir: Path, source_id: str | None, kind: str | None,
                       offline: bool, published: Any, retrieved: Any, **given: str | None) -> None:
    """Add an article (a saved page, a text file, or a URL) to seeds/ and content/sources.yaml."""
    from .ingest.add import add_source

    added = add_source(target, content_dir, seeds_dir, online=not offline, source_id=source_id, kind=kind,
                       published=published.date() if published else None, retrieved=retrieved.date() if retrieved else None,
                       **given)
    entry = added.entry
    click.echo(f"Added source '{added.source_id}' ({_count(added.article.words, 'word')}): {added.seed} and "
               f"{content_dir / 'sources.yaml'}\n"
               f"  title: {entry['title']}\n  publisher: {entry['publisher']}"
               + "".join(f"\n  {key}: {entry[key]}" for key in ("author", "published", "url", "language", "retrieved") if key in entry)
               + f"\nCheck these against the article, then: factsheet suggest {added.source_id}")


@cli.command(name="suggest")
@click.argument("source_id")
@project_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other tools instead of YAML to paste.")
@friendly
def suggest_command(source_id: str, content_dir: Path, seeds_dir: Path, as_json: bool) -> None:
    """Print, for each claim a source bears on, its best passages as evidence items to paste. Writes nothing."""
    from .check.quotes import SeedLibrary
    from .ingest import report
    from .ingest.suggest import suggest
    from .read.content import load_content

    content, problems = load_content(content_dir)
    if content is None:
        raise ContentError(problems)
    result = suggest(content, SeedLibrary(seeds_dir), source_id)
    click.echo(report.as_json(result) if as_json else report.as_yaml(result), nl=False)


class _PlainHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not record.name.startswith(("mkdocs.plugins.factsheet", "factsheet")):
            message = f"{record.levelname}: {message}"
        click.echo(message, err=True)


def _show_mkdocs_warnings() -> None:
    for name in ("mkdocs", "factsheet"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _PlainHandler) for h in logger.handlers):
            logger.addHandler(_PlainHandler(logging.WARNING))
        logger.setLevel(logging.INFO)
        logger.propagate = False


def main() -> None:
    cli(prog_name="factsheet")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
