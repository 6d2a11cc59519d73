"""Debian's Chromium for the benchmarks, and what a page costs on the wire in it.

    with chromium_browser() as browser:
        page = browser.new_context().new_page()
        with TransferLog(page) as log:
            page.goto(url)
            page.wait_for_load_state("networkidle")
        log.total()                       # bytes received: compressed bodies plus headers
        log.total(lambda url: ...)        # of some responses only

Bytes are Chromium's own count as Playwright reports it (``Request.sizes()``, from the DevTools
protocol's ``encodedDataLength``: as received, before decompression, headers included), so a response
the browser's cache answers costs nothing. Requests a service worker makes (fetching a page for the
learner, filling its cache) are counted too (Playwright's service-worker network events); pages the
worker answers are then not counted twice.
"""

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field

# Playwright reports a service worker's own requests only with this switch (Playwright >= 1.38).
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")


@contextmanager
def chromium_browser():
    """Debian's Chromium, headless, launched by Playwright; closed afterwards."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_FLAGS

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("the browser benchmarks need Debian's chromium (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Transfer:
    url: str
    bytes: int
    resource_type: str


@dataclass
class TransferLog:
    """Every response that ``page``'s browser context receives while the log is open: its pages, their frames
    (H5P's, from another origin, in another process) and its service worker's own requests."""

    page: object
    transfers: list[Transfer] = field(default_factory=list)

    def __enter__(self):
        self.page.context.on("requestfinished", self._finished)
        return self

    def __exit__(self, *exc_info):
        self.page.context.remove_listener("requestfinished", self._finished)

    def _finished(self, request):
        response = request.response()
        if response is not None and request.service_worker is None and response.from_service_worker:
            return  # answered by the service worker, whose own fetch is counted
        sizes = request.sizes()  # from Chromium's encodedDataLength: nothing for what its cache answered
        self.transfers.append(
            Transfer(request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"], request.resource_type)
        )

    def total(self, include=lambda url: True) -> int:
        return sum(transfer.bytes for transfer in self.transfers if include(transfer.url))

    def count(self, include=lambda url: True) -> int:
        return sum(1 for transfer in self.transfers if include(transfer.url) and transfer.bytes)
