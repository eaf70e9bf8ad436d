"""What a reader does, in headless Chromium (Debian's package) driven by Playwright."""
from __future__ import annotations

from pathlib import Path

import pytest


pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: page.console_errors.append(message.text) if message.type == "error" else None)
    yield page
    assert page.console_errors == []
    context.close()


def test_search_for_a_place_lists_a_claim(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/")
    page.locator(".pagefind-ui__search-input").click()
    page.keyboard.type("Vladivostok", delay=20)  # as a reader types
    results = page.locator("a.pagefind-ui__result-link")
    results.first.wait_for(timeout=15_000)
    texts = results.all_inner_texts()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("1,500 North Korean special forces to Vladivostok" in t for t in texts), texts
    wanted = [i for i, h in enumerate(hrefs) if (h or "").endswith("/topics/01-deployment/#nis-1500-special-forces-vladivostok")]
    assert wanted, hrefs
    results.nth(wanted[0]).click()
    page.wait_for_url("**/topics/01-deployment/**#nis-1500-special-forces-vladivostok")
    assert page.locator("h2#nis-1500-special-forces-vladivostok").is_visible()


def test_a_claim_badge_is_visible_with_its_word(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/topics/02-troop-numbers/#total-12000-four-brigades")
    badge = page.locator("h2#total-12000-four-brigades > a.fs-badge")  # the badge leads the heading
    assert badge.is_visible()
    assert badge.inner_text().strip() == "Disputed"
    icon = badge.evaluate("e => getComputedStyle(e, '::before').maskImage || getComputedStyle(e, '::before').webkitMaskImage")
    assert icon.startswith('url("data:image/svg+xml;base64,')  # an icon as well as the word and colour
    colour = badge.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(217, 119, 6)"
    badge.click()
    page.wait_for_url("**/method/#status-disputed")
    assert page.locator("#status-disputed").is_visible()


def test_a_citation_leads_to_its_passage_and_its_source_entry(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    # The matrix cell of a source's stance leads to the quote where it is cited...
    page.goto(f"{site_url}/matrix/")
    page.locator('a.fs-stance[href$="#quote:north-korea-sending-troops-1"]').first.click()
    page.wait_for_url("**/topics/01-deployment/#quote:north-korea-sending-troops-1")
    citation = page.locator("li#quote\\:north-korea-sending-troops-1")
    assert citation.is_visible()
    assert citation.inner_text().startswith("Asserts · Al Jazeera, 18 October 2024, via ")
    # ...which has one link: to the passage itself at its source...
    passage = citation.locator("a.fs-passage", has_text="Read it at aljazeera.com").get_attribute("href", timeout=2000)
    assert passage.startswith("https://www.aljazeera.com/") and "#:~:text=North%20Korea%20has%20dispatched" in passage
    assert citation.locator("a").count() == 1
    # ...or, for a source with no public link, to its entry, which says where the text came from.
    page.goto(f"{site_url}/topics/01-deployment/#quote:north-korea-sending-troops-2")
    page.locator("li#quote\\:north-korea-sending-troops-2 a.fs-nolink").click()
    page.wait_for_url("**/sources/#yonhap")
    heading = page.locator("h2#yonhap")
    assert heading.is_visible()
    assert "N. Korea decides to dispatch 12,000 soldiers" in heading.inner_text()


def test_the_content_security_policy_blocks_an_injected_script(browser, site: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    # Simulate something slipping past the escaping: the page's own CSP must stop it.
    page_html = (site / "topics/01-deployment/index.html").read_text(encoding="utf-8")
    injected = page_html.replace("</article>", '<script>document.title="PWNED"</script>'
                                 '<img src="x" onerror="document.title=\'PWNED2\'"></article>', 1)
    (site / "topics/injected").mkdir(exist_ok=True)  # as deep as the page it copies: its links still work
    (site / "topics/injected/index.html").write_text(injected, encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{site_url}/topics/injected/")
    page.wait_for_timeout(500)
    assert "PWNED" not in page.title()
    assert sum("Content Security Policy" in m for m in messages) >= 2, messages
    # The site's own scripts still run under the policy: the search box works.
    page.locator(".pagefind-ui__search-input").click()
    page.keyboard.type("Peskov", delay=20)
    page.locator("a.pagefind-ui__result-link").first.wait_for(timeout=15_000)
    context.close()


@pytest.mark.parametrize(("query", "anchor"), [
    ("12,000", "/topics/02-troop-numbers/#total-12000-four-brigades"),   # a number as written
    ("Peskov", "/topics/04-reactions/#russia-denies-using-troops"),      # a word
    ("denied", "/status/denied/"),                                        # a status word: the page of exactly those claims
])
def test_search_finds_claims_by_number_word_and_status(page, site_url: str, query: str, anchor: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/")
    page.locator(".pagefind-ui__search-input").click()
    page.keyboard.type(query, delay=20)
    results = page.locator("a.pagefind-ui__result-link")
    results.first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any((h or "").endswith(anchor) for h in hrefs), hrefs


def test_a_status_page_lists_exactly_the_claims_of_that_status(page, site: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    import json

    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    for status in ("disputed", "unconfirmed"):
        page.goto(f"{site_url}/")
        page.locator(f'a[href="status/{status}/"]').first.click()  # one click from the home page
        page.wait_for_url(f"**/status/{status}/")
        listed = [h.split("#", 1)[1] for h in page.locator("ul.fs-status-list li > a:not(.fs-badge)").evaluate_all("els => els.map(e => e.getAttribute('href'))")]
        assert sorted(listed) == sorted(c["id"] for c in claims if c["status"] == status)


def test_a_timeline_entry_leads_to_its_claim(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/timeline/")
    entry = page.locator("li#event-nis-1500-special-forces-vladivostok")
    assert entry.locator("strong").first.inner_text() == "8–13 October 2024"
    entry.locator("a:not(.fs-badge)").first.click()
    page.wait_for_url("**/topics/01-deployment/#nis-1500-special-forces-vladivostok")
    assert page.locator("h2#nis-1500-special-forces-vladivostok").is_visible()


def test_no_console_errors_on_any_page(browser, site: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.parent.name != "injected")
    assert len(pages) >= 15
    for path in pages:
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    context.close()
    assert problems == []


AXE = Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js"


@pytest.mark.parametrize("path", ["", "topics/02-troop-numbers/", "sources/", "actors/", "timeline/", "figures/", "matrix/"])
def test_no_serious_accessibility_violations(browser, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    assert AXE.exists(), "run `make test` (npm ci installs axe-core)"
    context = browser.new_context(bypass_csp=True)  # axe is injected by the test; the site's CSP would block it
    page = context.new_page()
    page.goto(f"{site_url}/{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
