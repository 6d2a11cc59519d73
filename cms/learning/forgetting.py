"""Deleting anonymous learners who stopped learning long ago, keeping only their counts.

An anonymous learner (no account) idle for ``days`` is deleted with their finished lessons, quiz
attempts, course completions and resume codes. First their completions, attempts and passes are
added to LearningTally rows (site, pack, item, language, week, and a completion's channel), which
hold no trace of who, so the reports (cms.learning.reports, cms.indicators) count the same before
and after::

    forgotten = forget_idle_learners(days=180)
    forgotten.learners, forgotten.completions, ...

Learners with an account are kept: their records are theirs to see. Certificates are kept too,
no longer tied to a learner (Certificate.learner is set to null), so that a printed certificate
still verifies; they hold nothing about the learner but the name they chose to print.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from cms.centres.demographics import Channel
from cms.learning.models import CourseCompletion, Learner, LearningTally, LessonProgress, QuizAttempt
from cms.learning.reports import completion_counts, week_of

DEFAULT_IDLE_DAYS = 180


@dataclass(frozen=True)
class Forgotten:
    learners: int
    lessons: int
    attempts: int
    completions: int


def idle_learners(days: int):
    """Anonymous learners who have recorded nothing for ``days`` days."""
    return Learner.objects.filter(user__isnull=True, last_seen_at__lt=timezone.now() - timedelta(days=days))


def forget_idle_learners(days: int = DEFAULT_IDLE_DAYS) -> Forgotten:
    """Tally, then delete, the learners idle for ``days`` days and everything they recorded, all or nothing."""
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    with transaction.atomic():
        learners = idle_learners(days)
        # Locked, a learner cannot come back (or record anything) between being counted and deleted.
        list(learners.select_for_update().values_list("pk", flat=True))
        completions = CourseCompletion.objects.filter(learner__in=learners)
        attempts = QuizAttempt.objects.filter(learner__in=learners)
        forgotten = Forgotten(
            learners=learners.count(),
            lessons=LessonProgress.objects.filter(learner__in=learners).count(),
            attempts=attempts.count(),
            completions=completions.count(),
        )
        for channel in Channel:  # the indicators count completions by channel
            for (site_id, pack_id, course_key, language, week), count in completion_counts(
                completions.filter(channel=channel)
            ).items():
                key = dict(site_id=site_id, pack_id=pack_id, course_key=course_key, language=language, week=week)
                _add_to_tally({**key, "channel": channel}, completions=count)
        for row in _attempt_counts(attempts):
            _add_to_tally(
                dict(
                    site_id=row["site_id"],
                    pack_id=row["pack_id"],
                    quiz_key=row["quiz_key"],
                    language=row["language"],
                    week=week_of(row["week"]),
                ),
                attempts=row["attempts"],
                passes=row["passes"],
            )
        learners.delete()  # their records go with them (on_delete=CASCADE)
    return forgotten


def _attempt_counts(attempts):
    return (
        attempts.annotate(week=TruncWeek("submitted_at"))
        .values("site_id", "pack_id", "quiz_key", "language", "week")
        .annotate(attempts=Count("pk"), passes=Count("pk", filter=Q(passed=True)))
        .order_by()
    )


def _add_to_tally(key: dict, **counts):
    tally, _ = LearningTally.objects.get_or_create(**key)
    LearningTally.objects.filter(pk=tally.pk).update(**{name: F(name) + value for name, value in counts.items()})
