"""The quiz benchmark's load generator (bench/quiz_load.py), run briefly against the live test server:
a simulated learner finds the quizzes and answers through the JSON endpoint, and the audit counts
what the database holds. Figures are not checked: benchmarks are not timed tests."""

import pytest

from bench.quiz_load import Tally, answer_period, audit, drive
from cms.learning.models import QuizAttempt
from cms.packs.importer import install_pack

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def base_url(live_server, site, pack_copy):
    install_pack(pack_copy, site)
    return live_server.url


def test_a_learner_answers_again_and_again_and_every_acknowledged_attempt_is_stored(base_url):
    # One learner, no double taps: the live test server shares one in-memory SQLite connection
    # between its threads, which cannot take concurrent writes (tests/test_quiz_concurrency.py can).
    tally = drive(base_url, learners=1, warm_up=0.0, measured=2.0, double_tap_every=0)
    stored = list(QuizAttempt.objects.values_list("token", flat=True))
    report = audit(tally, stored, learners=1, measured=2.0)
    assert report.failures == []
    assert report.recorded >= 2 and report.submissions == report.recorded
    assert (report.lost, report.duplicated) == (0, 0)
    assert QuizAttempt.objects.values("learner").distinct().count() == 1


def test_the_audit_counts_lost_and_duplicated_attempts():
    tally = Tally(latencies=[0.01] * 4, acknowledged={"a", "b", "c"}, double_taps=1, split_double_taps=1)
    report = audit(tally, stored=["a", "b", "x"], learners=1, measured=1.0)
    assert report.lost == 1  # "c" was acknowledged but is not stored
    assert report.duplicated == 2  # "x" was never acknowledged, and one double tap made two attempts
    assert report.rate == 4.0


def test_paced_learners_send_the_rate_in_submissions_double_taps_counted_twice():
    period = answer_period(learners=50, rate=200, double_tap_every=10)
    answers_per_second = 50 / period
    assert answers_per_second * (1 + 1 / 10) == pytest.approx(200)
    assert answer_period(learners=50, rate=200, double_tap_every=0) == pytest.approx(0.25)
