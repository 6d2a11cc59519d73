"""Real pages in a real browser: Debian's Chromium driven by Playwright from PyPI.

Chromium resolves any ``*.localhost`` host name to the loopback address, so a test can reach
pytest-django's live server under the host name of any site. Without ``chromium`` (or Playwright)
browser tests are skipped, except in CI (CI=true), where they fail.
"""

import os
import shutil
from contextlib import contextmanager

import pytest

# Debian's Chromium, headless; without the background-networking flags it keeps trying to reach the internet.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous waits for a loaded machine; they bound how long a failure takes, they measure nothing.
WAIT_MS = 20_000
POLL_MS = 100


def _missing(reason):
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason}; in CI no browser test may be skipped", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def chromium():
    """Debian's Chromium and Playwright, checked before any server or database is set up."""
    executable = shutil.which("chromium")
    if executable is None:
        _missing("needs Debian's chromium (apt-get install -y chromium; make test installs it as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("needs Playwright (pip install -e '.[dev]')")
    return executable, sync_playwright


@contextmanager
def browser_page_at(chromium, base_url, **context_options):
    """A fresh Chromium page (its own cookies) whose relative URLs go to ``base_url``.

    ``context_options`` go to Playwright's ``new_context`` (e.g. ``has_touch=True`` for a touch screen)."""
    executable, sync_playwright = chromium
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(base_url=base_url, **context_options)
            context.set_default_timeout(WAIT_MS)
            yield context.new_page()
        finally:
            browser.close()


def wait_until_true(page, expression: str) -> None:
    """Wait until the JavaScript ``expression`` (or the promise it gives) is truthy in ``page``.

    Polled from Python: Playwright's ``wait_for_function`` polls by evaluating a string in the page
    whenever the first try is false, which the site's CSP (no 'unsafe-eval') refuses.
    """
    for _ in range(WAIT_MS // POLL_MS):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(POLL_MS)
    raise AssertionError(f"still false after {WAIT_MS} ms: {expression}")
