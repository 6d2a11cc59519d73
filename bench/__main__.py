"""Rahnuma's benchmarks (``make bench``): each prints its figures next to its goal; nothing is asserted.

python -m bench                          # every benchmark below, one after the other
python -m bench packs                    # install and upgrade a generated 200-lesson pack (issue 3)
python -m bench packs --lessons 50       # a smaller pack
python -m bench packs --profile          # also profile the install and print the hotspots
python -m bench packs --profile --stats FILE   # and save the profile for pstats or snakeviz
python -m bench packs --keep DIR         # keep the generated packs and database in DIR
python -m bench quiz                     # quiz submissions by 50 simulated learners against the demo site (issue 4)
python -m bench quiz --learners 20 --seconds 10 --workers 3 --threads 2
python -m bench pages                    # anonymous page views with wrk, against nginx serving the same HTML (issue 8)
python -m bench search                   # search latency over 10,000 documents, database and Elasticsearch (issue 6)
python -m bench h5p                      # bytes and time to open a lesson with an H5P activity, in Chromium (issue 5)
python -m bench transfer                 # bytes of cold and warm page loads, en and ur, in Chromium (issue 7)

Each benchmark starts by timing the same fixed Python work (bench/yardstick.py), since this machine's
speed for Python varies from day to day. Results of the server benchmarks are also written as JSON to
var/bench/<benchmark>.json, with that time.
"""

import argparse
import cProfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from bench import h5p as h5p_benchmark
from bench import pages_load, yardstick
from bench import transfer as transfer_benchmark
from bench.generate_pack import DEFAULT_LESSONS
from bench.pack_install import format_profile, format_table, run_benchmark
from bench.quiz_load import GOAL_SUBMISSIONS_PER_SECOND, LEARNERS, run_quiz_load
from bench.search import run_search_benchmark
from bench.server import database_path, demo_environment, free_port, prepare_demo_site, running_server

RESULTS = Path(__file__).resolve().parents[1] / "var" / "bench"


def packs(arguments) -> None:
    profile = cProfile.Profile() if arguments.profile else None
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=True)
        steps = run_benchmark(arguments.keep, arguments.lessons, profile)
    else:
        with tempfile.TemporaryDirectory(prefix="rahnuma-bench-") as workdir:
            steps = run_benchmark(Path(workdir), arguments.lessons, profile)
    print(format_table(steps))
    if profile:
        print("\nThe install ran under the profiler: its time above includes the profiler's overhead.")
        print(format_profile(profile, arguments.top))
        if arguments.stats:
            profile.dump_stats(arguments.stats)
            print(f"profile saved to {arguments.stats}")


@contextmanager
def demo_site_served(arguments, benchmark: str):
    """The demo site in a temporary folder, served by gunicorn as ``arguments`` say; yields its environment,
    base URL and server process."""
    with tempfile.TemporaryDirectory(prefix="rahnuma-bench-") as workdir:
        environment = demo_environment(Path(workdir))
        print(f"Setting up the demo site for the {benchmark} benchmark ...", flush=True)
        prepare_demo_site(environment)
        with running_server(environment, workers=arguments.workers, threads=arguments.threads) as (url, server):
            yield environment, url, server
    print(f"gunicorn: {arguments.workers} workers x {arguments.threads} threads, SQLite, production settings")


def quiz(arguments) -> None:
    with demo_site_served(arguments, "quiz") as (environment, url, _):
        database = database_path(environment)
        reports = [
            run_quiz_load(url, database, arguments.learners, measured=arguments.seconds, rate=rate)
            for rate in (GOAL_SUBMISSIONS_PER_SECOND, None)
        ]
    for report in reports:
        print("\n".join(report.lines()))


def pages(arguments) -> None:
    with demo_site_served(arguments, "pages") as (_, url, server):
        results = pages_load.run_pages_load(url, server, arguments.seconds)
    results["server"] = {"workers": arguments.workers, "threads": arguments.threads, "database": "SQLite"}
    results["python_yardstick_ms"] = arguments.yardstick_ms
    print("\n".join(pages_load.lines(results)))
    pages_load.save(results, RESULTS / "pages.json")
    print(f"written to {RESULTS / 'pages.json'}")


def search(arguments) -> None:
    with tempfile.TemporaryDirectory(prefix="rahnuma-bench-") as workdir:
        print("\n".join(run_search_benchmark(Path(workdir), elasticsearch=not arguments.database_only)))


def h5p(arguments) -> None:
    with tempfile.TemporaryDirectory(prefix="rahnuma-bench-") as workdir:
        port = free_port()  # the H5P origin's address names it, so it is chosen before the server starts
        environment = h5p_benchmark.environment(demo_environment(Path(workdir)), Path(workdir), port)
        print("Setting up the demo site for the h5p benchmark ...", flush=True)
        prepare_demo_site(environment)
        with running_server(environment, workers=arguments.workers, threads=arguments.threads, port=port):
            results = h5p_benchmark.run_h5p_benchmark(f"http://localhost:{port}")
    results["python_yardstick_ms"] = arguments.yardstick_ms
    print("\n".join(h5p_benchmark.lines(results)))
    pages_load.save(results, RESULTS / "h5p.json")
    print(f"written to {RESULTS / 'h5p.json'}")


def transfer(arguments) -> None:
    with demo_site_served(arguments, "transfer") as (_, url, _server):
        results = transfer_benchmark.run_transfer_benchmark(url.replace("127.0.0.1", "localhost"))
    results["python_yardstick_ms"] = arguments.yardstick_ms
    print("\n".join(transfer_benchmark.lines(results)))
    pages_load.save(results, RESULTS / "transfer.json")
    print(f"written to {RESULTS / 'transfer.json'}")


BENCHMARKS = {"packs": packs, "quiz": quiz, "pages": pages, "search": search, "h5p": h5p, "transfer": transfer}


def _server_options(parser) -> None:
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    chosen = parser.add_subparsers(dest="benchmark", help="one benchmark (default: all of them)")

    packs_parser = chosen.add_parser("packs", help="install and upgrade a generated pack")
    packs_parser.add_argument("--lessons", type=int, default=DEFAULT_LESSONS, help="lessons in the generated pack")
    packs_parser.add_argument("--profile", action="store_true", help="profile the install (which makes it slower)")
    packs_parser.add_argument("--top", type=int, default=30, help="functions to list in each profile table")
    packs_parser.add_argument("--stats", type=Path, help="with --profile: also save the profile to this file")
    packs_parser.add_argument("--keep", type=Path, help="work in this new or empty folder and keep what is made there")

    quiz_parser = chosen.add_parser("quiz", help="quiz submissions under load against the demo site")
    quiz_parser.add_argument("--learners", type=int, default=LEARNERS, help="simulated learners at once")
    quiz_parser.add_argument("--seconds", type=float, default=20.0, help="the measured window, after a warm-up")
    _server_options(quiz_parser)

    pages_parser = chosen.add_parser("pages", help="anonymous page views with wrk, and nginx as the yardstick")
    pages_parser.add_argument("--seconds", type=float, default=10.0, help="how long each of a row's wrk runs lasts")
    _server_options(pages_parser)

    search_parser = chosen.add_parser("search", help="search latency in-process over 10,000 documents, both backends")
    search_parser.add_argument(
        "--database-only", action="store_true", help="skip Elasticsearch (else a throwaway node is started)"
    )

    h5p_parser = chosen.add_parser("h5p", help="bytes and time to open a lesson with an H5P activity, in Chromium")
    _server_options(h5p_parser)

    transfer_parser = chosen.add_parser("transfer", help="bytes for cold and warm page loads in Chromium, en and ur")
    _server_options(transfer_parser)

    arguments = parser.parse_args(argv)
    if arguments.benchmark:
        _run(arguments.benchmark, arguments)
        return 0
    for name in BENCHMARKS:
        print(f"\n== {name}", flush=True)
        _run(name, chosen.choices[name].parse_args([]))
    return 0


def _run(name: str, arguments) -> None:
    """One benchmark, after timing the yardstick, which the benchmarks that write JSON keep with their results."""
    arguments.yardstick_ms = round(yardstick.measure(), 2)
    print(yardstick.line(arguments.yardstick_ms), flush=True)
    BENCHMARKS[name](arguments)


if __name__ == "__main__":
    raise SystemExit(main())
