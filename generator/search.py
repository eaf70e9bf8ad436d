"""Search with Pagefind: it indexes the built HTML into small chunks, so a reader's first search
downloads a few hundred kilobytes however large the sheet (the theme's own search ships one
index of the whole site, about 30 MB at 10,000 claims).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import FactsheetError

INIT_JS_PATH = "javascripts/fs-search.js"
# Started from a file, not an inline script, so the Content-Security-Policy needs no exception.
INIT_JS = r"""// factsheet: start Pagefind's search box in the header.
window.addEventListener("DOMContentLoaded", function () {
  // Result links must work wherever the site is hosted (a sub-path on GitHub Pages, say):
  // the site's root is where Pagefind's own script was loaded from.
  var script = document.querySelector('script[src*="pagefind/pagefind-ui.js"]');
  var base = script ? new URL(script.src.replace(/pagefind\/pagefind-ui\.js.*$/, ""), location.href).pathname : "/";
  new PagefindUI({ element: "#fs-search", baseUrl: base, showSubResults: true, showImages: false, resetStyles: false });
  // Give the search field a name that assistive technology reads (Pagefind sets only a title).
  var named = function () {
    var input = document.querySelector("#fs-search input");
    if (!input) { return window.requestAnimationFrame(named); }
    input.setAttribute("aria-label", "Search the fact sheet");
  };
  named();
});
"""


class SearchIndexError(FactsheetError):
    """Pagefind failed to index the site."""


def index_site(site_dir: Path) -> str:
    """Run Pagefind over a built site; its summary line."""
    # Headings' permalink signs (¶) are not text a reader searches for.
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--exclude-selectors", ".headerlink"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {result.stderr.strip() or result.stdout.strip()}")
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Indexed")]
    return "; ".join(lines) or "indexed"
