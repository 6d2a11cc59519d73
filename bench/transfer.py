"""What a country guide section and a lesson cost a phone on the wire (issue 7): bytes transferred, cold and warm.

The demo site is served by gunicorn with production settings (compressed, fingerprinted static files with
long-lived cache headers). Debian's Chromium (Playwright) opens each page twice in one browser context:
cold (empty cache, no service worker) and warm (opened again, cache and service worker kept). Bytes are
Chromium's count of what arrived (bench.chromium.TransferLog: compressed bodies plus headers, the service
worker's own requests included), excluding content images (``/media/``), whose size is the editors'.
Goal: cold under 100 KB with the Urdu font, warm under 15 KB.
"""

from urllib.parse import urlsplit

from bench.chromium import TransferLog, chromium_browser
from bench.site_pages import pages_below, pages_two_levels_below

GOAL_COLD_BYTES = 100 * 1024
GOAL_WARM_BYTES = 15 * 1024
LANGUAGES = ("en", "ur")
SECTION_KEY = "sa-help-contacts"  # phone numbers and names inside Urdu text
LESSON_KEY = "sa-pd-money-health-life"  # a lesson with a quiz and no H5P activity (bench.h5p measures those)
MEDIA_PREFIX = "/media/"


def is_counted(url: str) -> bool:
    """Everything but content images."""
    return not urlsplit(url).path.startswith(MEDIA_PREFIX)


def measure(browser, url: str) -> dict:
    """A cold and a warm load of ``url`` in a fresh browser context: bytes, responses and the font's bytes."""
    context = browser.new_context()
    try:
        page = context.new_page()
        loads = {}
        for name in ("cold", "warm"):
            with TransferLog(page) as log:
                page.goto(url)
                page.wait_for_load_state("networkidle")
                page.evaluate("document.fonts.ready.then(() => true)")
                page.wait_for_load_state("networkidle")
            loads[name] = {
                "bytes": log.total(is_counted),
                "responses": log.count(is_counted),
                "font_bytes": log.total(lambda address: address.endswith(".woff2")),
                # Where the bytes went, for whoever makes the page smaller.
                "by_response": [
                    [urlsplit(t.url).path, t.bytes] for t in log.transfers if is_counted(t.url) and t.bytes
                ],
            }
        return loads
    finally:
        context.close()


def page_paths(base_url: str, language: str) -> dict[str, str]:
    """The demo site's section and lesson in ``language``, found from its links as a visitor would."""
    sections = pages_two_levels_below(f"{base_url}/{language}/countries/")
    lessons = [lesson for course in pages_below(f"{base_url}/{language}/courses/") for lesson in pages_below(course)]
    return {
        "section": next(url for url in sections if url.rstrip("/").endswith(SECTION_KEY)),
        "lesson": next(url for url in lessons if url.rstrip("/").endswith(LESSON_KEY)),
    }


def run_transfer_benchmark(base_url: str) -> dict:
    results = {"goal_cold_bytes": GOAL_COLD_BYTES, "goal_warm_bytes": GOAL_WARM_BYTES, "pages": {}}
    with chromium_browser() as browser:
        for language in LANGUAGES:
            for kind, url in page_paths(base_url, language).items():
                results["pages"][f"{kind} ({language})"] = {"url": urlsplit(url).path, **measure(browser, url)}
    return results


def lines(results: dict) -> list[str]:
    rows = [f"{'page':16} {'cold bytes':>11} {'of it font':>11} {'responses':>9} {'warm bytes':>11} {'responses':>9}"]
    for name, row in results["pages"].items():
        cold, warm = row["cold"], row["warm"]
        rows.append(
            f"{name:16} {cold['bytes']:>11,} {cold['font_bytes']:>11,} {cold['responses']:>9} "
            f"{warm['bytes']:>11,} {warm['responses']:>9}"
        )
    pages = results["pages"].values()
    cold_met = all(row["cold"]["bytes"] < results["goal_cold_bytes"] for row in pages)
    warm_met = all(row["warm"]["bytes"] < results["goal_warm_bytes"] for row in pages)
    rows.append(f"goal: cold under {results['goal_cold_bytes']:,} bytes: {'met' if cold_met else 'NOT met'}")
    rows.append(f"goal: warm under {results['goal_warm_bytes']:,} bytes: {'met' if warm_met else 'NOT met'}")
    return rows
