"""What a reader gets, measured on a built site served as static hosts serve it (gzip, loopback).

- Lighthouse (npm `lighthouse`, pinned in package.json; mobile preset, Debian's Chromium):
  performance and accessibility scores of a page. Its simulated phone varies from run to run,
  so a page under a target is measured three times and scored by the median.
- Search in headless Chromium (Playwright): the bytes a reader's browser fetches from opening
  the home page to the first result, and which pages a query finds.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from gzserve import Server

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"


def lighthouse_once(url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="factsheet-lh-") as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
                        "--only-categories=performance,accessibility", "--form-factor=mobile",
                        f"--chrome-flags={CHROME_FLAGS}"],
                       env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, text=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {"performance": round(data["categories"]["performance"]["score"] * 100),
            "accessibility": round(data["categories"]["accessibility"]["score"] * 100),
            "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"],
            "dom": audits["dom-size"]["numericValue"],
            "bytes": audits["total-byte-weight"]["numericValue"]}


def lighthouse(site: Path, pages: list[str], performance: int = 95, accessibility: int = 100) -> dict[str, dict[str, float]]:
    """Scores of each page of `site` (paths relative to its root); a page under a target gets the median of 3 runs."""
    scores = {}
    with Server(site) as base:
        for page in pages:
            runs = [lighthouse_once(base + page)]
            if runs[0]["performance"] < performance or runs[0]["accessibility"] < accessibility:
                runs += [lighthouse_once(base + page) for _ in range(2)]
            scores[page] = {key: statistics.median(run[key] for run in runs) for key in runs[0]} | {"runs": len(runs)}
    return scores


def search(site: Path, queries: list[str]) -> tuple[int, dict[str, list[tuple[str, str]]]]:
    """(bytes fetched for search from opening the home page to the first query's results,
    {query: [(result link, result title)]}), each query typed into a fresh page as a reader types."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[tuple[str, str]]] = {}
    payload = 0
    with Server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split())
        for n, query in enumerate(queries):
            context = browser.new_context()
            page = context.new_page()
            fetched: dict[str, int] = {}

            def count(response: object, fetched: dict[str, int] = fetched) -> None:
                url = response.url  # type: ignore[attr-defined]
                if "/pagefind/" in url:
                    fetched[url] = len(response.body())  # type: ignore[attr-defined]

            page.on("response", count)
            page.goto(base)
            page.locator(".pagefind-ui__search-input").click()
            page.keyboard.type(query, delay=20)
            results = page.locator("a.pagefind-ui__result-link")
            results.first.wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            found[query] = [(results.nth(i).get_attribute("href") or "", results.nth(i).inner_text())
                            for i in range(results.count())]
            if n == 0:
                payload = sum(fetched.values())
            context.close()
        browser.close()
    return payload, found
