"""The reader's fact sheet, as a reader opens it: first screen, attributed voice, phones, evidence, trust signals."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factsheet.publish.build import Project, render
from tests.conftest import ROOT, edit
from tests.site_helpers import LAID_OUT

pytestmark = pytest.mark.browser


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "injected" not in p.as_posix())


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser, site: Path, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 800})
    wide = []
    for path in pages_of(site):
        page.goto(f"{site_url}/{path}")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            wide.append(path)
    search = page.locator("#fs-search").bounding_box()
    page.close()
    assert wide == []
    assert search is not None and search["x"] >= 0 and search["x"] + search["width"] <= width  # the search box in view


def test_text_on_a_phone_is_at_least_14_px(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 800})
    small = []
    for path in ["", "topics/02-troop-numbers/", "matrix/", "figures/"]:
        page.goto(f"{site_url}/{path}")
        small += page.evaluate("""() => [...document.querySelectorAll('article p, article li, article td, article blockquote')]
            .filter(e => e.offsetParent && e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) < 14)
            .map(e => location.pathname + ': ' + e.textContent.trim().slice(0, 40))""")
    page.close()
    assert small == [], small[:10]


def test_the_first_screen_answers_what_is_known_and_what_is_not(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/")
    first_screen = page.evaluate("""() => [...document.querySelectorAll('article h2, article p > strong, article li')]
        .filter(e => e.getBoundingClientRect().top < innerHeight).map(e => e.textContent.trim())""")
    text = " ".join(first_screen)
    assert "South Korea's spy agency says North Korea has begun sending troops" in text  # the bottom line
    assert "What we don't know" in text and "Whether North Korean troops are already in Ukraine" in text
    assert "Key claims" in text
    badges = page.locator("article .fs-badge").evaluate_all(
        "bs => bs.filter(b => b.getBoundingClientRect().top < innerHeight).map(b => b.textContent.trim())")
    assert "Disputed" in badges  # a key claim, with its badge, in view
    assert page.title() == "North Korean troops in Russia"  # named once, from the sheet's title
    page.close()


def test_claims_read_in_attributed_voice_with_the_badge_first(site: Path) -> None:
    topic = (site / "topics/01-deployment/index.html").read_text(encoding="utf-8")
    heading = re.search(r'<h2 id="nis-1500-special-forces-vladivostok">(.*?)</h2>', topic, re.S).group(1)  # type: ignore[union-attr]
    assert re.search(r'^<a class="fs-badge fs-badge--unconfirmed"[^>]*>Unconfirmed</a> National Intelligence Service \(NIS\) says: Russian navy ships', heading)
    confirmed = re.search(r'<h2 id="nis-satellite-images">(.*?)</h2>', topic, re.S).group(1)  # type: ignore[union-attr]
    assert "says:" not in confirmed  # what the sheet confirms reads in its own voice
    # A list of claims: each entry's badge is a word, not a second link beside the claim's (a tab stop and
    # a small target on a phone); the page links once to what the statuses mean.
    sources = (site / "sources/index.html").read_text(encoding="utf-8")
    assert re.search(r'<li><span class="fs-badge fs-badge--unconfirmed">Unconfirmed</span> <a href="\.\./topics/01-deployment/'
                     r'#nis-1500-special-forces-vladivostok">National Intelligence Service \(NIS\) says: Russian navy ships', sources)
    assert '<a class="fs-badge' not in sources and sources.count('href="../method/#statuses"') == 1
    # A status page is of one status: its entries carry no badge at all.
    status = (site / "status/unconfirmed/index.html").read_text(encoding="utf-8")
    listed = re.search(r'<ul class="fs-status-list">(.*?)</ul>', status, re.S).group(1)  # type: ignore[union-attr]
    assert "fs-badge" not in listed and re.search(r'<li><a href="[^"]*#nis-1500-special-forces-vladivostok">', listed)


def test_evidence_is_grouped_quoted_and_one_link_each(site: Path) -> None:
    topic = (site / "topics/01-deployment/index.html").read_text(encoding="utf-8")
    claim = topic[topic.index('id="north-korea-sending-troops"'):topic.index('id="nis-1500-special-forces-vladivostok"')]
    groups = re.findall(r'<p class="fs-group fs-group--(\w+)"><strong>([^<]+)</strong></p>', claim)
    assert [g for g, _ in groups] == ["for", "against", "unconfirmed"]
    items = re.findall(r'<li id="quote:north-korea-sending-troops-\d+">(.*?)</li>', claim, re.S)
    assert len(items) == 9
    for item in items:
        assert item.count("<blockquote") == 1
        assert len(re.findall(r"<a ", item)) == 1  # the passage, or where the text came from
    assert "“" not in " ".join(items).replace("“another", "").replace("“could", "")  # no added quotation marks
    assert "““" not in topic and "””" not in topic


def test_a_matrix_cell_lands_on_its_quote_marked_with_the_claim_in_view(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(f"{site_url}/topics/01-deployment/#quote:north-korea-sending-troops-9")
    page.wait_for_timeout(300)
    outline = page.evaluate("getComputedStyle(document.getElementById('quote:north-korea-sending-troops-9')).outlineStyle")
    assert outline == "solid"
    bar = page.locator(".fs-claim-bar")
    assert bar.count() == 1 and "North Korea has sent troops" in bar.inner_text() and "Disputed" in bar.inner_text()
    box = bar.bounding_box()
    assert box is not None and 0 <= box["y"] < 700  # kept in view above the quote
    page.close()


def test_a_source_without_a_link_says_where_its_text_came_from(site: Path) -> None:
    topic = (site / "topics/02-troop-numbers/index.html").read_text(encoding="utf-8")
    assert "No public link: where this text came from</a>" in topic
    sources = (site / "sources/index.html").read_text(encoding="utf-8")
    assert "This text is not public online as far as the editors know" in sources
    assert "A reader cannot follow these quotes to the source itself." in sources


def test_trust_signals(site: Path, site_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    topic = (site / "topics/04-reactions/index.html").read_text(encoding="utf-8")
    assert topic.count('class="fs-reviewed">Last reviewed') == topic.count('class="fs-claim"')
    assert '<a class="fs-copy" href="#russia-denies-using-troops">Link to this claim</a>' in topic
    assert '<meta property="og:title" content="Reactions">' in topic
    assert re.search(r'<meta property="og:description" content="What Seoul, Moscow, NATO', topic)
    assert '<meta name="twitter:card" content="summary">' in topic
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="description" content="South Korea&amp;#x27;s spy agency says|<meta name="description" content="South Korea&#x27;s spy agency says', home)
    assert "<title>North Korean troops in Russia</title>" in home
    changes = (site / "changes/index.html").read_text(encoding="utf-8")
    assert "Errors are corrected as soon as they are found." in changes and "This sheet is edited by factsheet editors." in changes
    assert "report-an-error" in changes
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert changes.count("<li>") >= sum(len(c["history"]) for c in data["claims"])
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}/topics/04-reactions/")
    page.locator('a.fs-copy[href="#russia-denies-using-troops"]').click()
    assert page.locator('a.fs-copy[href="#russia-denies-using-troops"]').inner_text() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()").endswith("/topics/04-reactions/#russia-denies-using-troops")
    page.close()


def test_listings_never_drop_rows_silently(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    table = home[home.index('id="who-the-claims-come-from"'):home.index('id="latest-changes"')]
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    origins = {o for c in data["claims"] for o in c["independent_origins"]}
    assert table.count("<tr>") - 1 == len(origins)  # every origin (fewer than the 20 the home page shows)
    actors = (site / "actors/index.html").read_text(encoding="utf-8")
    media = actors[actors.index('id="south-korean-media"'):]
    media = media[:media.index('<h2', 10)]
    assert "<strong>Relays</strong>" in media and "involves this actor yet" not in media


def test_one_disagreement_panel_per_quantity_per_page(site: Path) -> None:
    topic = (site / "topics/02-troop-numbers/index.html").read_text(encoding="utf-8")
    assert topic.count("Sources disagree: North Korean troops to be sent to Russia in total") == 1
    assert 'see the figures under the claim above' in topic


def test_feed_entry_ids_stay_the_same_when_as_of_moves(small: Path) -> None:
    first = render(Project(small / "content", small / "seeds"))["feed.xml"]
    edit(small / "content/sheet.yaml", "as_of: 2024-03-04", "as_of: 2024-03-20")
    second = render(Project(small / "content", small / "seeds"))["feed.xml"]
    assert re.findall(r"<id>([^<]*)</id>", first) == re.findall(r"<id>([^<]*)</id>", second)


def test_the_site_is_named_after_the_sheet(small: Path) -> None:
    from tests.test_engine_config import MINIMAL
    from tests.test_cli import run

    (small / "mkdocs.yml").write_text(MINIMAL)
    edit(small / "content/sheet.yaml", "title: Fixture sheet — the Old Bridge", "title: A second story")
    assert run("build")[0] == 0
    page = (small / "site/topics/closure/index.html").read_text(encoding="utf-8")
    assert "<title>The closure - A second story</title>" in page
    (small / "mkdocs.yml").write_text(MINIMAL.replace("  - factsheet\n", "  - factsheet:\n      site_name_from_sheet: false\n"))
    assert run("build")[0] == 0
    assert "<title>The closure - Fixture</title>" in (small / "site/topics/closure/index.html").read_text(encoding="utf-8")


def test_axe_finds_no_violation_at_any_level(browser, site: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    axe = (ROOT / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
    found = []
    kinds = ["", "topics/01-deployment/", "topics/02-troop-numbers/", "matrix/", "figures/", "sources/", "actors/",
             "timeline/", "method/", "changes/", "status/disputed/", "places/", "about/"]
    for width in (390, 1280):
        context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})  # axe is the test's
        page = context.new_page()
        for path in kinds:
            page.goto(f"{site_url}/{path}")
            page.wait_for_function(LAID_OUT)  # axe measures geometry: not of what is still waiting for its layout
            page.add_script_tag(content=axe)
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            found += [f"{width} {path}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}" for v in result["violations"]]
        context.close()
    assert found == []
