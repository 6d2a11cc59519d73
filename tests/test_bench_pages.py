"""The pages benchmark's "uncached" runs: every request wrk sends has a query string of its own, added to the
one the URL already has (the search's ?q=) without changing it. Against a tiny local server that notes what it
was asked for; wrk from Debian (make test installs it); no timings."""

from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest

from bench.pages_load import UNIQUE_QUERY_SCRIPT, wrk
from tests.http_stub import serving


@pytest.fixture
def requested_paths():
    paths = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # connections kept open, as gunicorn keeps them: wrk need not reconnect

        def do_GET(self):
            paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    with serving(Handler) as server:
        yield f"http://127.0.0.1:{server.server_port}", paths


@pytest.mark.parametrize(("path", "kept"), [("/en/search/?q=visa", {"q": ["visa"]}), ("/en/contacts/", {})])
def test_each_uncached_request_adds_a_parameter_of_its_own_and_keeps_the_urls_query(requested_paths, path, kept):
    base_url, paths = requested_paths
    wrk(base_url + path, seconds=1, script=UNIQUE_QUERY_SCRIPT)

    assert len(paths) > 10
    queries = [parse_qs(urlsplit(requested).query) for requested in paths]
    assert all(urlsplit(requested).path == urlsplit(path).path for requested in paths)
    assert all({name: values for name, values in query.items() if name != "bench"} == kept for query in queries)
    # Nearly all distinct: wrk may send a request again on a new connection (1 in 3,240 was, once).
    assert len({query["bench"][0] for query in queries}) >= 0.99 * len(paths)
