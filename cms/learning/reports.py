"""The numbers behind the staff's learning reports (cms.learning.report_views). Queries only: no requests.

Completions count CourseCompletion records and the tallies left by forgotten learners
(LearningTally, cms.learning.forgetting), grouped by site, course, language and ISO week, so
deleting idle learners never changes a report::

    rows = completion_rows(ReportFilter(site_id=site.pk, start=date(2026, 1, 1)))
    weekly_totals(rows)                 # [(Monday, completions), ...] for the chart
    item_analysis(pack_id, quiz_key)    # per question: learners who answered, share wrong

Date filters are whole ISO weeks (Monday to Sunday, in the site's time zone): the tallies only
know the week, and a report must not change when the records behind it become tallies.

The item analysis reads each learner's first attempt at the quiz (later ones are coached by the
feedback) and grades it against the quiz as the lesson page in the pack's source language has it
now, so editors see which of today's questions confuse learners. Forgotten learners' answers are
gone, so it counts the learners still on record.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from cms.learning.grading import Quiz, question_points
from cms.learning.models import CourseCompletion, LearningTally, LessonPage, QuizAttempt
from cms.learning.progress import lesson_quiz


@dataclass(frozen=True)
class ReportFilter:
    site_id: int | None = None
    course: tuple[str, str] | None = None  # (pack_id, course_key)
    start: date | None = None  # its whole ISO week is included
    end: date | None = None  # likewise


def week_of(moment: date | datetime) -> date:
    """The Monday starting the ISO week of ``moment`` (a datetime is read in the current time zone)."""
    day = timezone.localdate(moment) if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def iso_week_label(week: date) -> str:
    year, number, _ = week.isocalendar()
    return f"{year}-W{number:02d}"


def _weeks_filter(field: str, filters: ReportFilter, *, is_datetime: bool) -> Q:
    """Records (by a datetime ``field``) or tallies (by their week, a date) in the filter's weeks."""
    condition = Q()
    lookup = f"{field}__date" if is_datetime else field
    if filters.start:
        condition &= Q(**{f"{lookup}__gte": week_of(filters.start)})
    if filters.end:
        condition &= Q(**{f"{lookup}__lte": week_of(filters.end) + timedelta(days=6)})
    return condition


def _site_filter(filters: ReportFilter) -> Q:
    return Q(site_id=filters.site_id) if filters.site_id else Q()


# Completions


@dataclass(frozen=True)
class CompletionRow:
    site_id: int | None
    pack_id: str
    course_key: str
    language: str
    week: date  # Monday
    completions: int

    @property
    def iso_week(self) -> str:
        return iso_week_label(self.week)


GROUPING = ("site_id", "pack_id", "course_key", "language")


def completion_counts(completions) -> Counter:
    """``{(site id, pack id, course key, language, week): count}`` for a CourseCompletion queryset."""
    grouped = (
        completions.annotate(week=TruncWeek("completed_at"))
        .values(*GROUPING, "week")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return Counter({(*(row[name] for name in GROUPING), week_of(row["week"])): row["count"] for row in grouped})


def completion_rows(filters: ReportFilter = ReportFilter()) -> list[CompletionRow]:
    """Completions per site, course, language and week, records and tallies together, oldest week first."""
    course = Q(pack_id=filters.course[0], course_key=filters.course[1]) if filters.course else Q()
    counts = completion_counts(
        CourseCompletion.objects.filter(
            _site_filter(filters), course, _weeks_filter("completed_at", filters, is_datetime=True)
        )
    )
    tallies = (
        LearningTally.objects.filter(
            _site_filter(filters), course, _weeks_filter("week", filters, is_datetime=False), completions__gt=0
        )
        .values(*GROUPING, "week")
        .annotate(count=Sum("completions"))
        .order_by()
    )
    for row in tallies:
        counts[(*(row[name] for name in GROUPING), row["week"])] += row["count"]
    rows = [CompletionRow(*key, completions=count) for key, count in counts.items()]
    return sorted(rows, key=lambda row: (row.week, row.site_id or 0, row.pack_id, row.course_key, row.language))


def weekly_totals(rows: Iterable[CompletionRow]) -> list[tuple[date, int]]:
    """Completions per week from the first week with any to the last, weeks without any included as 0."""
    totals = Counter()
    for row in rows:
        totals[row.week] += row.completions
    if not totals:
        return []
    weeks, week = [], min(totals)
    while week <= max(totals):
        weeks.append((week, totals[week]))
        week += timedelta(days=7)
    return weeks


def known_courses() -> list[tuple[str, str]]:
    """The (pack id, course key) of every course with completions, for the report's course filter."""
    keys = set(CourseCompletion.objects.values_list("pack_id", "course_key").distinct())
    keys |= set(LearningTally.objects.exclude(course_key="").values_list("pack_id", "course_key").distinct())
    return sorted(keys)


# Quizzes


@dataclass(frozen=True)
class QuizSummary:
    pack_id: str
    quiz_key: str
    lesson_key: str  # "" when only forgotten learners' tallies remain
    attempts: int
    passes: int


def quiz_summaries(filters: ReportFilter = ReportFilter()) -> list[QuizSummary]:
    """Attempts and passes per quiz, records and tallies together (the course filter does not apply)."""
    totals: dict[tuple[str, str], list] = {}
    recorded = (
        QuizAttempt.objects.filter(_site_filter(filters), _weeks_filter("submitted_at", filters, is_datetime=True))
        .values("pack_id", "quiz_key")
        # Every attempt at a quiz names the same lesson, so any of them (here the greatest) will do.
        .annotate(attempts=Count("pk"), passes=Count("pk", filter=Q(passed=True)), lesson_key=Max("lesson_key"))
        .order_by()
    )
    for row in recorded:
        totals[(row["pack_id"], row["quiz_key"])] = [row["lesson_key"], row["attempts"], row["passes"]]
    tallies = (
        LearningTally.objects.filter(_site_filter(filters), _weeks_filter("week", filters, is_datetime=False))
        .exclude(quiz_key="")
        .values("pack_id", "quiz_key")
        .annotate(attempts=Sum("attempts"), passes=Sum("passes"))
        .order_by()
    )
    for row in tallies:
        total = totals.setdefault((row["pack_id"], row["quiz_key"]), ["", 0, 0])
        total[1] += row["attempts"]
        total[2] += row["passes"]
    return [QuizSummary(pack_id, quiz_key, *total) for (pack_id, quiz_key), total in sorted(totals.items())]


@dataclass(frozen=True)
class QuestionAnalysis:
    key: str
    prompt: str
    answered: int  # learners whose first attempt answered it
    wrong: int  # of those, how many did not get it fully right

    @property
    def wrong_share(self) -> float | None:
        return self.wrong / self.answered if self.answered else None


def analyse_answers(quiz: Quiz, answer_sets: Iterable[dict]) -> list[QuestionAnalysis]:
    """Per question of ``quiz``: how many of ``answer_sets`` answered it and got it wrong, worst first.

    A partly right multiple-choice answer counts as wrong. Choices the quiz no longer has are
    ignored, as in grading; an answer left with none counts as not answered.
    """
    answered, wrong = Counter(), Counter()
    for answers in answer_sets:
        for question in quiz.questions:
            chosen = [key for key in answers.get(question.key, []) if question.choice(key) is not None]
            if chosen:
                answered[question.key] += 1
                wrong[question.key] += question_points(question, chosen) < 1
    rows = [QuestionAnalysis(q.key, q.prompt, answered[q.key], wrong[q.key]) for q in quiz.questions]
    # Stable sort: questions with the same share keep the quiz's order; unanswered ones go last.
    return sorted(rows, key=lambda row: -1 if row.wrong_share is None else -row.wrong_share)


def first_attempts(pack_id: str, quiz_key: str, filters: ReportFilter = ReportFilter()):
    """Each learner's first attempt at the quiz, kept when it falls within the filter's site and weeks."""
    earliest = (
        QuizAttempt.objects.filter(learner=OuterRef("learner"), pack_id=pack_id, quiz_key=quiz_key)
        .order_by("submitted_at", "pk")
        .values("pk")[:1]
    )
    return QuizAttempt.objects.filter(
        _site_filter(filters),
        _weeks_filter("submitted_at", filters, is_datetime=True),
        pack_id=pack_id,
        quiz_key=quiz_key,
        pk=Subquery(earliest),
    )


def source_lesson(pack_id: str, lesson_key: str, site_id: int | None = None) -> LessonPage | None:
    """The lesson page in the language its pack is written in (on ``site_id`` when given), or None."""
    # Records of a page made by hand name it by its translation key, with no pack id (progress.item_key).
    pages = (
        LessonPage.objects.filter(pack_id=pack_id, pack_key=lesson_key)
        if pack_id
        else LessonPage.objects.filter(translation_key=lesson_key)
    )
    if site_id:
        homes = Page.objects.filter(sites_rooted_here__pk=site_id).first()
        scope = Q(pk__in=[])
        for home in homes.get_translations(inclusive=True) if homes else []:
            scope |= Q(path__startswith=home.path, depth__gt=home.depth)
        pages = pages.filter(scope)
    pages = list(pages.order_by("pk"))
    if not pages:
        return None
    source_locales = set(
        TranslationSource.objects.filter(object_id=pages[0].translation_key).values_list("locale_id", flat=True)
    ) or {Locale.get_default().pk}
    return next((page for page in pages if page.locale_id in source_locales), pages[0])


@dataclass(frozen=True)
class QuizAnalysis:
    lesson: LessonPage | None  # None: the lesson page is gone, so there are no prompts to show
    quiz: Quiz | None
    learners: int  # learners whose first attempt is counted
    questions: list[QuestionAnalysis]


def item_analysis(pack_id: str, quiz_key: str, filters: ReportFilter = ReportFilter()) -> QuizAnalysis:
    """How learners answered each question of the quiz at their first attempt, worst question first."""
    attempts = list(first_attempts(pack_id, quiz_key, filters).values("lesson_key", "answers"))
    lesson_key = attempts[0]["lesson_key"] if attempts else None
    lesson = source_lesson(pack_id, lesson_key, filters.site_id) if lesson_key else None
    quiz = lesson_quiz(lesson) if lesson else None
    if quiz is None or quiz.key != quiz_key:
        return QuizAnalysis(lesson, None, len(attempts), [])
    return QuizAnalysis(lesson, quiz, len(attempts), analyse_answers(quiz, (row["answers"] for row in attempts)))
