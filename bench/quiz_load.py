"""Quiz submissions under load: simulated learners answering the demo courses' quizzes as fast as they can.

Each simulated learner is a browser of its own (its own cookies, so its own session and learner). It
opens a lesson with a quiz, then answers it again and again the way themes/web/static/web/js/quiz.js
does: the form posted to its ``data-answer-url``, the JSON reply carrying the review and a fresh
one-time token for the next try. Every tenth answer is sent twice at once, a double tap, which must
give one attempt. Learners are spread over the lessons and the languages.

Afterwards the database is read directly and compared with what the server acknowledged: an answer
acknowledged but not stored is lost; an attempt stored but never acknowledged, or a double tap that
made two, is duplicated. Both counts must be zero.

Figures: submissions per second (each POST, both halves of a double tap included) over the measured
window (after a warm-up), and latency percentiles of those POSTs. Two runs: learners paced to send 200
submissions/s together (as people do, each at its own pace), which gives the latency at that load; then
learners answering as fast as the server replies, which gives the most it can take (latency there is
just the queue: 50 learners always waiting). Goals (issue 4): at least 200 submissions/s on SQLite with
50 learners on a 2-core machine, p99 under 200 ms.
"""

import asyncio
import random
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import aiohttp

from bench.site_pages import PageReader, pages_two_levels_below, read_page

LEARNERS = 50
LANGUAGES = ("en", "ur", "pnb")
DOUBLE_TAP_EVERY = 10
GOAL_SUBMISSIONS_PER_SECOND = 200
GOAL_P99_MS = 200


@dataclass(frozen=True)
class QuizForm:
    """A lesson's quiz form as the page shows it: where it posts, its hidden fields, each question's choices."""

    url: str
    hidden: dict[str, str]
    questions: dict[str, list[str]]  # field name -> choice values
    multiple: frozenset[str]  # the fields that take several choices


@dataclass
class Tally:
    """What the learners sent and what the server answered."""

    latencies: list[float] = field(default_factory=list)  # seconds, POSTs started in the measured window
    acknowledged: set[str] = field(default_factory=set)  # attempt tokens the server replied with
    double_taps: int = 0
    split_double_taps: int = 0  # double taps whose two replies named different attempts
    failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    learners: int
    target_rate: float | None  # submissions/s aimed at; None: as fast as the server answers
    seconds: float
    submissions: int
    latencies_ms: list[float]
    recorded: int
    lost: int
    duplicated: int
    double_taps: int
    failures: list[str]

    @property
    def rate(self) -> float:
        return self.submissions / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    def lines(self) -> list[str]:
        return [
            f"Quiz submissions: {self.learners} simulated learners for {self.seconds:.0f} s (after a warm-up), "
            + (f"paced to send {self.target_rate:.0f}/s together" if self.target_rate else "each as fast as it can"),
            f"  submissions/s  {self.rate:8.1f}   (goal >= {GOAL_SUBMISSIONS_PER_SECOND})",
            f"  latency p50    {self.percentile(0.50):8.1f} ms",
            f"  latency p95    {self.percentile(0.95):8.1f} ms",
            f"  latency p99    {self.percentile(0.99):8.1f} ms   (goal < {GOAL_P99_MS} ms)",
            f"  attempts recorded {self.recorded}; double taps {self.double_taps}; "
            f"lost {self.lost}; duplicated {self.duplicated}; failed requests {len(self.failures)}",
            *(f"  failure: {failure}" for failure in self.failures[:5]),
        ]


def find_quiz_lessons(base_url: str, language: str) -> list[str]:
    """The URLs of the lessons with a quiz in the site's courses in ``language``, found as a visitor would."""
    lessons = pages_two_levels_below(f"{base_url}/{language}/courses/")
    return [lesson for lesson in lessons if read_page(lesson).questions]


async def _open_quiz(session, lesson_url) -> QuizForm:
    async with session.get(lesson_url) as response:
        response.raise_for_status()
        page = PageReader()
        page.feed(await response.text())
    return QuizForm(urljoin(lesson_url, page.answer_url), page.hidden, page.questions, frozenset(page.multiple))


def _some_answers(quiz: QuizForm, rng: random.Random) -> list[tuple[str, str]]:
    fields = []
    for name, choices in quiz.questions.items():
        picks = rng.sample(choices, rng.randint(1, len(choices))) if name in quiz.multiple else [rng.choice(choices)]
        fields.extend((name, choice) for choice in picks)
    return fields


async def _submit(session, quiz: QuizForm, token: str, answers, tally: Tally, measuring: bool):
    started = time.perf_counter()
    data = [*{**quiz.hidden, "token": token}.items(), *answers]
    try:
        async with session.post(quiz.url, data=data, headers={"Accept": "application/json"}) as response:
            reply = await response.json() if response.status == 200 else None
            if reply is None:
                tally.failures.append(f"{quiz.url}: HTTP {response.status}")
                return None
    except (aiohttp.ClientError, TimeoutError) as error:
        tally.failures.append(f"{quiz.url}: {error!r}")
        return None
    if measuring:
        tally.latencies.append(time.perf_counter() - started)
    tally.acknowledged.add(reply["attempt"])
    return reply


async def simulated_learner(
    number: int, lesson_url: str, clock, tally: Tally, double_tap_every: int, period: float | None
):
    """One learner answering one lesson's quiz until the clock runs out: every ``period`` seconds, or
    as fast as the server answers when None; every ``double_tap_every``th answer sent twice at once."""
    rng = random.Random(number)
    jar = aiohttp.CookieJar(unsafe=True)  # unsafe: keep cookies set by an IP-address host (127.0.0.1)
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        quiz = await _open_quiz(session, lesson_url)
        token = quiz.hidden["token"]
        # Each learner double-taps at its own point of every ``double_tap_every`` answers: started all
        # at 0, every learner's tenth answer fell in the same period, a burst of double taps every few seconds.
        answered = rng.randrange(double_tap_every) if double_tap_every else 0
        next_send = time.monotonic() + rng.uniform(0, period or 0)  # learners spread over one period
        while not clock.over():
            if period:
                await asyncio.sleep(max(0.0, next_send - time.monotonic()))
                next_send += period
            answers = _some_answers(quiz, rng)
            answered += 1
            if double_tap_every and answered % double_tap_every == 0:
                replies = await asyncio.gather(
                    *(_submit(session, quiz, token, answers, tally, clock.measuring()) for _ in range(2))
                )
                if all(replies):
                    tally.double_taps += 1
                    tally.split_double_taps += replies[0]["attempt"] != replies[1]["attempt"]
                reply = replies[0] or replies[1]
            else:
                reply = await _submit(session, quiz, token, answers, tally, clock.measuring())
            if reply is None:
                return  # a failed learner stops: a browser would show an error
            token = reply["token"]


class Clock:
    """Warm-up, then the measured window."""

    def __init__(self, warm_up: float, measured: float):
        self.start = time.monotonic() + warm_up
        self.end = self.start + measured

    def measuring(self) -> bool:
        return self.start <= time.monotonic() < self.end

    def over(self) -> bool:
        return time.monotonic() >= self.end


def answer_period(learners: int, rate: float, double_tap_every: int) -> float:
    """Seconds between one learner's answers, so that all of them send ``rate`` submissions/s together.

    The rate counts submissions, as the goal and the report do: a double tap is two of them.
    """
    submissions_per_answer = 1 + (1 / double_tap_every if double_tap_every else 0)
    return learners * submissions_per_answer / rate


async def _drive(base_url, learners, warm_up, measured, double_tap_every, rate) -> Tally:
    lessons = [url for language in LANGUAGES for url in find_quiz_lessons(base_url, language)]
    if not lessons:
        raise RuntimeError(f"no lesson with a quiz found at {base_url}")
    tally = Tally()
    clock = Clock(warm_up, measured)
    period = answer_period(learners, rate, double_tap_every) if rate else None
    await asyncio.gather(
        *(
            simulated_learner(number, lessons[number % len(lessons)], clock, tally, double_tap_every, period)
            for number in range(learners)
        )
    )
    return tally


def recorded_attempts(database: Path, after_id: int = 0) -> list[str]:
    """The tokens of the attempts stored in ``database`` with an id above ``after_id``."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT token FROM rahnuma_learning_quizattempt WHERE id > ?", (after_id,))
        return [token for (token,) in rows]


def _last_attempt_id(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT coalesce(max(id), 0) FROM rahnuma_learning_quizattempt").fetchone()[0]


def run_quiz_load(
    base_url: str, database: Path, learners=LEARNERS, warm_up=5.0, measured=20.0, rate: float | None = None
) -> Report:
    """Drive the server at ``base_url`` (whose SQLite database is ``database``) and check every attempt it made.

    ``rate``: the submissions per second the learners aim at together, each keeping its own pace, as
    people do; None: each sends its next answer as soon as the last is answered, which finds the most
    the server can take (and makes latency the length of the queue, not the time to answer).
    """
    before = _last_attempt_id(database)
    tally = drive(base_url, learners, warm_up, measured, rate=rate)
    return audit(tally, recorded_attempts(database, after_id=before), learners, measured, rate)


def drive(base_url, learners, warm_up, measured, double_tap_every=DOUBLE_TAP_EVERY, rate=None) -> Tally:
    return asyncio.run(_drive(base_url, learners, warm_up, measured, double_tap_every, rate))


def audit(tally: Tally, stored: list[str], learners: int, measured: float, rate: float | None = None) -> Report:
    """Compare what the server acknowledged with the attempts it ``stored`` (their tokens) meanwhile."""
    stored_set = set(stored)
    return Report(
        learners=learners,
        target_rate=rate,
        seconds=measured,
        submissions=len(tally.latencies),
        latencies_ms=[seconds * 1000 for seconds in tally.latencies],
        recorded=len(stored),
        lost=len(tally.acknowledged - stored_set),
        duplicated=len(stored) - len(stored_set & tally.acknowledged) + tally.split_double_taps,
        double_taps=tally.double_taps,
        failures=tally.failures,
    )
