"""What an H5P activity costs a learner (issue 5): bytes downloaded and time until it can be answered.

The demo site (every first-party plugin's packs, so the Saudi Arabia course with its activities) is
served by gunicorn with production settings; its H5P origin is ``h5p.localhost`` on the same port.
Debian's Chromium (Playwright) opens a lesson with one of the project's own activities, twice in the
same browser: cold (empty cache) and warm (reloaded, cache kept). Counted as "the activity" is every
response beyond the lesson page itself: everything from the H5P origin, the launch and xAPI
requests, and the relay script. Bytes are as sent on the wire (compressed bodies plus headers,
bench.chromium.TransferLog).
Time to interactive runs from the start of navigation until the activity's first button can be
clicked inside the iframe. Goal: under 150 KB compressed beyond the lesson page on a cold cache.
"""

import time

from bench.chromium import TransferLog, chromium_browser

GOAL_COLD_BYTES = 150 * 1024
LESSON_PATH = "/en/courses/sa-pre-departure/sa-pd-legal-route/"
WAIT_MS = 60_000


def environment(base: dict[str, str], workdir, port: int) -> dict[str, str]:
    """The demo site's environment with its H5P origin at h5p.localhost on the server's ``port``."""
    return {
        **base,
        "ALLOWED_HOSTS": base["ALLOWED_HOSTS"] + ",.localhost",
        "H5P_ORIGIN": f"http://h5p.localhost:{port}",
        "H5P_ROOT": str(workdir / "h5p"),
    }


def _is_activity(url: str) -> bool:
    return "//h5p.localhost" in url or "/h5p/" in url


def _load(page, url: str) -> dict:
    """Open ``url``; return the activity's bytes and requests and the seconds until it can be answered."""
    with TransferLog(page) as log:
        started = time.monotonic()
        page.goto(url)
        page.frame_locator("iframe.h5p-frame").get_by_role("button").first.wait_for(state="visible", timeout=WAIT_MS)
        interactive = time.monotonic() - started
        page.wait_for_load_state("networkidle")
    return {
        "bytes": log.total(_is_activity),
        "requests": log.count(_is_activity),
        "interactive_seconds": round(interactive, 3),
    }


def run_h5p_benchmark(base_url: str) -> dict:
    """Cold and warm loads of the lesson at ``base_url`` (``http://localhost:PORT``) in Debian's Chromium."""
    with chromium_browser() as browser:
        page = browser.new_context().new_page()
        cold = _load(page, base_url + LESSON_PATH)
        warm = _load(page, base_url + LESSON_PATH)
    return {"cold": cold, "warm": warm, "goal_cold_bytes": GOAL_COLD_BYTES}


def lines(results: dict) -> list[str]:
    rows = [f"{'':6} {'bytes':>9} {'requests':>9} {'interactive':>12}"]
    for name in ("cold", "warm"):
        row = results[name]
        rows.append(f"{name:6} {row['bytes']:>9,} {row['requests']:>9} {row['interactive_seconds']:>11.2f}s")
    verdict = "met" if results["cold"]["bytes"] < GOAL_COLD_BYTES else "NOT met"
    rows.append(f"goal: under {GOAL_COLD_BYTES:,} bytes beyond the lesson page on a cold cache: {verdict}")
    return rows
