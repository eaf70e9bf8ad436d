"""Benchmark: how the generator and the site build scale. Run: `make bench`.

Makes synthetic sheets (benchmarks/synth.py) of 1,000 and 10,000 claims and prints, measured
in this one run on the same files, each figure beside its target:
  - load + validate + render against the bare parse of the same YAML with yaml.CSafeLoader;
  - full `factsheet build` time and peak memory at 1k and 10k, and their ratio;
  - built HTML bytes per claim beyond a fixed base, and the search payload a reader
    downloads before the first result;
  - preview latency: with `mkdocs serve` running on the 10k sheet, saving an edit to one
    claim until the served page shows it.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_sheet  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000)


def bare_parse(content: Path) -> float:
    start = time.perf_counter()
    for path in sorted(content.rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506 - the CSafeLoader
    return time.perf_counter() - start


def generator_time(root: Path) -> float:
    code = ("import time,sys; from pathlib import Path; from factsheet.publish.build import Project, render\n"
            "t=time.perf_counter(); render(Project(Path('content'), Path('seeds'))); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def full_build(root: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of `factsheet build`, in a fresh process."""
    code = ("import resource,time,sys; from pathlib import Path; from factsheet.cli import cli\n"
            "t=time.perf_counter()\n"
            "try:\n    cli(['build'], standalone_mode=False)\nexcept SystemExit: pass\n"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024, file=sys.stderr)")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, env=env)
    if not (root / "site").is_dir():
        raise SystemExit(f"build failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    seconds, peak = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(peak)


def html_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*.html"))


def search_payload(site: Path, query: str = "Vladivostok") -> int:
    """Bytes a reader's browser fetches for search, from opening the home page to the first result.

    Measured in headless Chromium (Debian's package) on the built site served locally.
    """
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page()

            def count(response: object) -> None:
                url = response.url  # type: ignore[attr-defined]
                if "/pagefind/" in url:
                    fetched[url] = len(response.body())  # type: ignore[attr-defined]

            page.on("response", count)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.locator(".pagefind-ui__search-input").click()
            page.keyboard.type(query, delay=10)
            page.locator("a.pagefind-ui__result-link").first.wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            browser.close()
    finally:
        server.shutdown()
    return sum(fetched.values())


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def preview_latency(root: Path) -> tuple[float, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *SERVE_FLAGS],
                              cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}/topics/topic-0050/"
    try:
        wait_for(url, "Topic 50", 600)
        time.sleep(2)
        path = root / "content/topics/topic-0050.yaml"
        path.write_text(path.read_text().replace("Synthetic claim 5000,", "EDITED claim 5000,", 1))
        start = time.perf_counter()
        wait_for(url, "EDITED claim 5000", 600)
        note = time.perf_counter() - start
        time.sleep(3)
        # A statement also appears on the sources, actors and figures pages, which grow with the sheet.
        path.write_text(path.read_text().replace("soldiers were moved in operation 5001 ", "soldiers were MOVED in operation 5001 ", 1))
        start = time.perf_counter()
        wait_for(url, "soldiers were MOVED in operation 5001", 600)
        return note, time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


SERVE_FLAGS = ["--dirty"]  # as `make serve` runs it


def wait_for(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{text!r} never appeared at {url}")


def verdict(ok: bool) -> str:
    return "ok " if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the synthetic sheets in this folder")
    parser.add_argument("--no-preview", action="store_true", help="skip the mkdocs serve measurement")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="factsheet-bench-"))
    rows: dict[int, dict[str, float]] = {}
    for n in SIZES:
        root = work / f"sheet-{n}"
        shutil.rmtree(root, ignore_errors=True)
        make_sheet(root, n)
        parse = min(bare_parse(root / "content") for _ in range(3))
        generate = min(generator_time(root) for _ in range(2))
        seconds, peak = full_build(root)
        rows[n] = {"parse": parse, "generate": generate, "build": seconds, "peak": peak,
                   "html": html_bytes(root / "site"), "search": search_payload(root / "site")}
        print(f"{n:>6} claims: bare CSafeLoader parse {parse:6.2f} s | load+validate+render {generate:6.2f} s "
              f"(x{generate / parse:.2f}) | factsheet build {seconds:6.1f} s, peak {peak:5.0f} MB", flush=True)
    small, large = rows[SIZES[0]], rows[SIZES[-1]]
    ratio_gen = large["generate"] / large["parse"]
    per_claim = (large["html"] - small["html"]) / (SIZES[-1] - SIZES[0])
    build_ratio = large["build"] / small["build"]
    print()
    print(f"[{verdict(ratio_gen <= 1.5)}] generator vs bare C parse at 10k: x{ratio_gen:.2f} (target <= 1.5)")
    print(f"[{verdict(large['build'] <= 20)}] full build at 10k: {large['build']:.1f} s (target <= 20 s)")
    print(f"[{verdict(large['peak'] <= 600)}] peak memory at 10k: {large['peak']:.0f} MB (target <= 600 MB)")
    print(f"[{verdict(build_ratio <= 11)}] build time 10k / 1k: x{build_ratio:.1f} for x10 the claims (target <= 11)")
    print(f"[{verdict(per_claim <= 3072)}] HTML per claim beyond the base: {per_claim / 1024:.2f} KB (target <= 3 KB)")
    print(f"[{verdict(large['search'] <= 1024 * 1024)}] search payload (Chromium, home page to first results for "
          f"'Vladivostok') at 10k: {large['search'] / 1024 / 1024:.2f} MB (target <= 1 MB)")
    if not args.no_preview:
        note, statement = preview_latency(work / f"sheet-{SIZES[-1]}")
        print(f"[{verdict(note <= 2)}] preview at 10k, editing a claim's status note: {note:.2f} s to the served page (target <= 2 s)")
        print(f"[{verdict(statement <= 2)}] preview at 10k, editing a claim's statement: {statement:.2f} s (target <= 2 s)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
