"""The transfer benchmark's measurement (bench.chromium.TransferLog) counts what really crosses the wire: a page and
its stylesheet on a cold load, only the page again on a warm one (the stylesheet is cached), compressed bodies as
sent, and content images left out. Against a tiny local server whose bytes are known; no timings."""

import gzip
from http.server import BaseHTTPRequestHandler

import pytest

from bench.transfer import is_counted
from tests.http_stub import serving

pytestmark = pytest.mark.browser

PAGE = (
    "<!doctype html><html><head><link rel='stylesheet' href='/static/site.css'></head><body>"
    + "<p>Rahnuma</p>" * 2000
    + "<img src='/media/photo.png' alt=''></body></html>"
).encode()
STYLESHEET = ("p { color: #1b1f23; }\n" * 500).encode()
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(20_000)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/":
            body, kind, cache = gzip.compress(PAGE), "text/html", "no-cache"
        elif self.path == "/static/site.css":
            body, kind, cache = STYLESHEET, "text/css", "public, max-age=315360000, immutable"
        elif self.path == "/media/photo.png":
            body, kind, cache = PHOTO, "image/png", "no-store"
        else:  # the browser's own /favicon.ico
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        if self.path == "/":
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    with serving(Handler) as httpd:
        yield f"http://127.0.0.1:{httpd.server_port}"


def test_cold_and_warm_loads_count_the_bytes_on_the_wire(chromium, server):
    from bench.chromium import TransferLog, chromium_browser

    compressed_page = len(gzip.compress(PAGE))
    with chromium_browser() as browser:
        page = browser.new_context().new_page()
        loads = []
        for _ in ("cold", "warm"):
            with TransferLog(page) as log:
                page.goto(server + "/")
                page.wait_for_load_state("networkidle")
            loads.append(log)
    cold, warm = loads
    headers = 2000  # generous bound for a response's status line and headers (and the favicon's 404)
    # Cold: the compressed page (not its 30 KB unpacked) and the stylesheet; the photo is left out as content.
    assert (
        compressed_page + len(STYLESHEET) <= cold.total(is_counted) <= compressed_page + len(STYLESHEET) + 2 * headers
    )
    assert cold.total() >= cold.total(is_counted) + len(PHOTO)  # it was fetched, just not counted
    # Warm: the page again, the immutable stylesheet from the cache.
    assert compressed_page <= warm.total(is_counted) <= compressed_page + headers
    assert not [t for t in warm.transfers if t.url.endswith("site.css") and t.bytes]
