"""forget_idle_learners: idle anonymous learners are deleted with everything they recorded, accounts and
recent learners are kept, and the tallies left behind keep the reports' numbers unchanged."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.learning.models import CourseCompletion, Learner, LearningTally, LessonProgress, QuizAttempt
from cms.learning.reports import completion_rows, quiz_summaries
from tests.test_learning_reports import COURSE, LESSON, PACK, WEEK_2, WEEK_3, attempt, moment

pytestmark = pytest.mark.django_db


def learner_with_records(site, *, idle_days, user=None, week=WEEK_2, language="en"):
    learner = Learner.objects.create(user=user, last_seen_at=timezone.now() - timedelta(days=idle_days))
    LessonProgress.objects.create(learner=learner, pack_id=PACK, lesson_key=LESSON, language=language, site=site)
    attempt(learner, {"q1": ["b"]}, day=week, site=site)
    attempt(learner, {"q1": ["a"]}, day=week, site=site, hour=13, passed=True)
    CourseCompletion.objects.create(
        learner=learner, pack_id=PACK, course_key=COURSE, language=language, site=site, completed_at=moment(week)
    )
    return learner


def forget(*arguments) -> str:
    output = StringIO()
    call_command("forget_idle_learners", *arguments, stdout=output)
    return output.getvalue()


def test_idle_anonymous_learners_go_with_everything_and_the_reports_stay_the_same(site):
    idle = [learner_with_records(site, idle_days=200), learner_with_records(site, idle_days=365, week=WEEK_3)]
    learner_with_records(site, idle_days=200, language="ur")
    account = learner_with_records(site, idle_days=400, user=get_user_model().objects.create_user("with-account"))
    recent = learner_with_records(site, idle_days=10)
    before = (completion_rows(), quiz_summaries())

    printed = forget()

    assert set(Learner.objects.all()) == {account, recent}
    for model in (LessonProgress, QuizAttempt, CourseCompletion):
        assert set(model.objects.values_list("learner", flat=True)) == {account.pk, recent.pk}, model
    assert printed.startswith(
        "Deleted 3 anonymous learners idle for 180 days, with 3 finished lessons, 6 quiz attempts and "
        "3 course completions"
    )
    assert not any(str(learner.public_id) in printed for learner in idle)
    assert (completion_rows(), quiz_summaries()) == before
    assert LearningTally.objects.filter(course_key=COURSE, week=WEEK_2, language="en").get().completions == 1
    quiz_tally = LearningTally.objects.filter(quiz_key="atlantis-contract-check", week=WEEK_2, language="en").get()
    # The first learner's two attempts and the Urdu learner's (the helper records quiz attempts in English).
    assert (quiz_tally.attempts, quiz_tally.passes, quiz_tally.site) == (4, 2, site)


def test_forgetting_again_adds_to_the_tallies(site):
    learner_with_records(site, idle_days=200)
    forget()
    learner_with_records(site, idle_days=200)
    before = completion_rows()
    forget()
    assert completion_rows() == before and before[0].completions == 2
    assert LearningTally.objects.filter(course_key=COURSE).get().completions == 2


def test_days_choose_who_is_idle_and_must_be_positive(site):
    learner_with_records(site, idle_days=40)
    assert forget("--days", "60").startswith("Deleted 0 anonymous learners idle for 60 days")
    assert forget("--days", "30").startswith("Deleted 1 anonymous learners idle for 30 days")
    with pytest.raises(CommandError, match="--days must be at least 1, got 0"):
        forget("--days", "0")
