"""How fast this machine runs Python today: the same fixed work, timed before the benchmarks.

The server benchmarks spend nearly all their time in Python, and this machine's speed for Python
varies from day to day (the same pack install took 70 s one day and 34 s another, with nearly the same code).
nginx's throughput, the pages benchmark's other yardstick, moves far less. So each benchmark
run prints how long this work took: figures from two runs compare once scaled by their yardsticks.

The work is a small imitation of a request: words found and counted with a regular expression, then
escaped and written out as JSON and read back. It does the same on every run.
"""

import html
import json
import re
import statistics
import time
from collections.abc import Callable

ROUNDS = 15  # of about 10 ms each on the machine the goals are for
_WORD = re.compile(r"\w+")
# English and Urdu words, as the site's pages mix them.
_TEXT = " ".join(f"word{number % 97} کلمہ{number % 13} <b>&</b>" for number in range(12_000))


def work() -> int:
    """The fixed work; returns the length of what it wrote, which is the same on every run."""
    counts: dict[str, int] = {}
    for word in _WORD.findall(_TEXT):
        counts[word] = counts.get(word, 0) + 1
    written = json.dumps([{"word": word, "count": count, "html": html.escape(word)} for word, count in counts.items()])
    return len(written) + len(json.loads(written))


def measure(rounds: int = ROUNDS, clock: Callable[[], float] = time.perf_counter) -> float:
    """Milliseconds the work takes, the median of ``rounds``.

    The median, not the best: what slows the benchmarks (other machines' work on the same host, a
    lower clock) slows most rounds, and the benchmarks feel it too.
    """
    timings = []
    for _ in range(rounds):
        started = clock()
        work()
        timings.append((clock() - started) * 1000)
    return statistics.median(timings)


def line(milliseconds: float) -> str:
    return f"Python yardstick: {milliseconds:.1f} ms for the same fixed work (bench/yardstick.py; lower is faster)"
