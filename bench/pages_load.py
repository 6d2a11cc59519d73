"""Anonymous learners reading pages (issue 8): the demo site under gunicorn, driven by wrk from Debian.

For a country guide section, a lesson page, the contacts directory and a search, wrk (another
process, written in C, so the load generator takes little of the machine) keeps ``CONNECTIONS``
connections busy for ``seconds``, ``ROUNDS`` times, and reports the median run's requests/s and latency
percentiles, with the range of the runs:

- "cached": the same URL again and again, as many anonymous visitors reading one page;
- "uncached": each request with a query string of its own, which no page cache has seen, so every
  response is rendered (the share of the visitors who come to a page nobody read lately).

A search answer is never taken from the page cache (its URL always has a query string), so both search
rows search for the same words and render the results; the "uncached" one adds a parameter the search
ignores.

The same guide-section HTML, saved as a static file, is also served by nginx from Debian and driven
the same way; our cached throughput is printed as a share of nginx's, which compares across machines.
Then the memory of each worker. Goals (2 workers on a 2-core machine): cached guide section and lesson
>= 1,000 requests/s with p99 < 100 ms; uncached >= 250 requests/s; each worker < 150 MB.
"""

import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

from bench.server import free_port, worker_memory_mb
from bench.site_pages import pages_two_levels_below

CONNECTIONS = 50
# wrk runs per row: the row is the median run (by requests/s), and the range of all runs is printed too,
# because one short run on a 2-core machine that also runs wrk can be a third off the next.
ROUNDS = 3
WARM_UP_SECONDS = 2
GOAL_CACHED_RPS = 1000
GOAL_CACHED_P99_MS = 100
GOAL_UNCACHED_RPS = 250
GOAL_WORKER_MB = 150
# Each request of wrk's "uncached" runs asks for the page with a query string never used before. The
# parameter is added to a query string the URL already has (the search's ?q=) rather than appended with
# a second "?", which made it part of the search words: that row searched for "visa?bench=1-..." instead.
UNIQUE_QUERY_SCRIPT = """
counter = 0
separator = wrk.path:find("?", 1, true) and "&" or "?"
request = function()
    counter = counter + 1
    return wrk.format(nil, wrk.path .. separator .. "bench=" .. counter .. "-" .. math.random(1000000000))
end
"""


@dataclass(frozen=True)
class Measurement:
    page: str
    mode: str  # "cached", "uncached" or "static (nginx)"
    url: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # over every run
    rps_low: float  # the slowest and fastest run
    rps_high: float
    worst_p99_ms: float


def measured(page: str, mode: str, url: str, seconds: float, script: str | None = None) -> Measurement:
    """ROUNDS runs of wrk against ``url``: the median run, with the spread of all of them.

    A short run first, not measured, warms what the server keeps per worker (the page's cache entry, the
    lexicon for a search), as the steady stream of visitors a row stands for has.
    """
    warm_up = wrk(url, WARM_UP_SECONDS, script)
    time.sleep(warm_up.max_ms / 1000)
    runs = []
    for _ in range(ROUNDS):
        runs.append(wrk(url, seconds, script))
        # wrk stops with CONNECTIONS requests in flight, which the server still answers; left running, they
        # slowed the first second of the next run (a cached page measured after an uncached one showed the
        # uncached page's latency). They are done within the slowest answer wrk saw.
        time.sleep(runs[-1].max_ms / 1000)
    runs.sort(key=lambda run: run.requests_per_second)
    median = runs[len(runs) // 2]
    return Measurement(
        page,
        mode,
        url,
        median.requests_per_second,
        median.p50_ms,
        median.p99_ms,
        errors=sum(run.errors for run in runs),
        rps_low=runs[0].requests_per_second,
        rps_high=runs[-1].requests_per_second,
        worst_p99_ms=max(run.p99_ms for run in runs),
    )


def pages_to_read(base_url: str, language: str = "en") -> dict[str, str]:
    """The pages read under load: found from the site's own links, so any demo content will do."""
    pages = {
        "guide section": pages_two_levels_below(f"{base_url}/{language}/countries/")[0],
        "lesson": pages_two_levels_below(f"{base_url}/{language}/courses/")[0],
        "contacts directory": f"{base_url}/{language}/contacts/",
    }
    search = f"{base_url}/{language}/search/?q=visa"
    if _answers(search):  # search is its own feature (search/); without it there is nothing to time
        pages["search"] = search
    return pages


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status == 200
    except urllib.error.URLError:
        return False


class WrkRun(NamedTuple):
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # socket errors and answers other than 2xx or 3xx


def wrk(url: str, seconds: float, script: str | None = None) -> WrkRun:
    """Run wrk against ``url``."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        # --timeout: a slow answer is a latency to report, not a request to drop (wrk's default is 2 s).
        command = ["wrk", "--threads=1", f"--connections={CONNECTIONS}", f"--duration={round(seconds)}s"]
        command += ["--timeout=10s", "--latency"]
        if script:
            lua.write(script)
            lua.flush()
            command.append(f"--script={lua.name}")
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    slowest = re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", output, re.MULTILINE).group(1)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:(.*)$", output, re.MULTILINE)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(count) for count in re.findall(r"\d+", socket_errors.group(1))) if socket_errors else 0
    return WrkRun(
        rate, _milliseconds(percentiles["50"]), _milliseconds(percentiles["99"]), _milliseconds(slowest), errors
    )


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


@contextmanager
def nginx_serving(html: bytes):
    """nginx from Debian serving ``html`` as a static file on a free loopback port; yields its URL."""
    with tempfile.TemporaryDirectory(prefix="rahnuma-nginx-") as folder:
        root = Path(folder)
        (root / "www").mkdir()
        (root / "www" / "page.html").write_bytes(html)
        for path in (root, root / "www", root / "www" / "page.html"):
            path.chmod(0o755)  # nginx's workers run as an unprivileged user
        port = free_port()
        (root / "nginx.conf").write_text(
            f"worker_processes 2;\npid {root}/nginx.pid;\nerror_log {root}/error.log;\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; default_type text/html; client_body_temp_path {root}/body;\n"
            f"  server {{ listen 127.0.0.1:{port}; root {root}/www; }} }}\n"
        )
        server = subprocess.Popen(["nginx", "-c", str(root / "nginx.conf"), "-g", "daemon off;"])
        try:
            url = f"http://127.0.0.1:{port}/page.html"
            deadline = time.monotonic() + 10
            while not _answers(url):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"nginx did not start: {(root / 'error.log').read_text()}")
                time.sleep(0.1)
            yield url
        finally:
            server.terminate()
            server.wait()


def run_pages_load(base_url: str, server: subprocess.Popen, seconds: float) -> dict:
    """Every measurement, the nginx baseline and the workers' memory, as a JSON-ready dict."""
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(f"needs {' and '.join(missing)} from Debian (scripts/ensure_debian_tools.sh installs them)")
    pages = pages_to_read(base_url)
    measurements = []
    for page, url in pages.items():
        for mode, script in (("cached", None), ("uncached", UNIQUE_QUERY_SCRIPT)):
            measurements.append(measured(page, mode, url, seconds, script))
    with urllib.request.urlopen(pages["guide section"]) as response:
        guide_html = response.read()
    with nginx_serving(guide_html) as static_url:
        nginx = measured("guide section", "static (nginx)", static_url, seconds)
    return {
        "connections": CONNECTIONS,
        "seconds": seconds,
        "rounds": ROUNDS,
        "measurements": [asdict(measurement) for measurement in measurements],
        "nginx": asdict(nginx),
        "worker_memory_mb": worker_memory_mb(server),
    }


def lines(results: dict) -> list[str]:
    nginx_rate = results["nginx"]["requests_per_second"]
    rows = [
        f"Anonymous page views: wrk, {results['connections']} connections, the median of {results['rounds']} runs "
        f"of {results['seconds']:.0f} s per row (and the range of the runs)",
        f"  {'page':<20} {'mode':<15} {'req/s':>9} {'range':>13} {'p50 ms':>8} {'p99 ms':>8} {'worst p99':>9} "
        f"{'errors':>7} {'of nginx':>9}",
    ]
    for row in [*results["measurements"], results["nginx"]]:
        spread = f"{row['rps_low']:.0f}-{row['rps_high']:.0f}"
        rows.append(
            f"  {row['page']:<20} {row['mode']:<15} {row['requests_per_second']:9.0f} {spread:>13} "
            f"{row['p50_ms']:8.1f} {row['p99_ms']:8.1f} {row['worst_p99_ms']:9.1f} {row['errors']:7d} "
            f"{row['requests_per_second'] / nginx_rate:9.1%}"
        )
    memory = ", ".join(f"{megabytes:.0f} MB" for megabytes in results["worker_memory_mb"])
    rows += [
        f"  worker memory: {memory}  (goal < {GOAL_WORKER_MB} MB each)",
        f"  goals: cached guide section and lesson >= {GOAL_CACHED_RPS} req/s with p99 < {GOAL_CACHED_P99_MS} ms; "
        f"uncached >= {GOAL_UNCACHED_RPS} req/s",
    ]
    return rows


def save(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
