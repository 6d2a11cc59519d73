"""Recording what a learner did, and reading it back, by the pack's stable keys.

Records name an item by ``item_key(page)``: its pack id and key, shared by every language's copy
of the page and kept by pack upgrades. So a lesson finished in English shows as finished in Urdu,
and an upgrade that rewrites a lesson keeps who finished it::

    mark_lesson_done(learner, lesson, site=site)
    attempt, recorded = record_attempt(learner, lesson, quiz, answers, token, site=site)
    progress = course_progress(learner, course, lessons)

A lesson is done when the learner says so or passes its quiz (or its required H5P activity,
cms.h5p). A course is complete when every live lesson of it is done and every quiz and required
H5P activity in them passed; that is recorded once
(CourseCompletion), with its certificate (cms.learning.certificates), and kept even if a later
pack version adds lessons. Records name the site they were made on (``Site.find_for_request``),
for the staff reports; None when it is not known. A completion also names the channel the learner
came through (cms.learning.channels), for the indicators.
"""

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from wagtail.models import Locale, Site

from cms.centres.demographics import Channel
from cms.h5p.progress import unpassed_required_activities
from cms.learning.blocks import QUIZ_BLOCK
from cms.learning.certificates import issue_certificate
from cms.learning.grading import Answers, Quiz, grade
from cms.learning.learners import note_activity
from cms.learning.models import (
    Certificate,
    CourseCompletion,
    CoursePage,
    Learner,
    LessonPage,
    LessonProgress,
    QuizAttempt,
)


@dataclass(frozen=True)
class ItemKey:
    pack_id: str
    key: str


def item_key(page) -> ItemKey:
    """The stable name of a course or lesson page: its pack id and key.

    A page an editor made by hand has no pack key; its wagtail-localize translation key (also
    shared by all its language copies) stands in, with an empty pack id.
    """
    if page.pack_key:
        return ItemKey(page.pack_id, page.pack_key)
    return ItemKey("", str(page.translation_key))


def lesson_quiz(lesson: LessonPage) -> Quiz | None:
    """The quiz at the end of the lesson, if it has one (a lesson body holds at most one)."""
    block = next((block for block in lesson.body if block.block_type == QUIZ_BLOCK), None)
    return Quiz.from_block(block.value) if block else None


def quiz_key_of(lesson: LessonPage) -> str | None:
    """The lesson's quiz key, read from the raw body without building every block."""
    return next((block["value"]["key"] for block in lesson.body.raw_data if block["type"] == QUIZ_BLOCK), None)


def mark_lesson_done(
    learner: Learner, lesson: LessonPage, site: Site | None = None, channel: Channel = Channel.HOME
) -> LessonProgress:
    """Record that the learner finished the lesson on ``site`` (again is harmless: the first time is kept)."""
    with transaction.atomic():
        progress = _complete_lesson(learner, lesson, site, channel)
        note_activity(learner)
    return progress


def record_attempt(
    learner: Learner,
    lesson: LessonPage,
    quiz: Quiz,
    answers: Answers,
    token: str,
    site: Site | None = None,
    channel: Channel = Channel.HOME,
):
    """Grade and record one attempt at the lesson's quiz, made on ``site``, all or nothing.

    ``token`` is the form's one-time nonce. Returns ``(attempt, True)``, or ``(attempt, False)``
    with the attempt already recorded under this token (which may be another learner's: the
    caller decides what to show). Passing the quiz also finishes the lesson.
    """
    result = grade(quiz, answers)
    lesson_id = item_key(lesson)
    try:
        with transaction.atomic():
            newly_passed = result.passed and not _passed_before(learner, lesson_id.pack_id, quiz.key)
            attempt = QuizAttempt.objects.create(
                learner=learner,
                pack_id=lesson_id.pack_id,
                quiz_key=quiz.key,
                lesson_key=lesson_id.key,
                language=lesson.locale.language_code,
                answers=answers,
                score_percent=result.percent,
                passed=result.passed,
                token=token,
                site=site,
            )
            if result.passed:
                _complete_lesson(learner, lesson, site, channel, quiz_newly_passed=newly_passed)
            note_activity(learner)
    except IntegrityError:
        existing = QuizAttempt.objects.filter(token=token).first()
        if existing is None:
            raise
        return existing, False
    return attempt, True


def record_activity_passed(
    learner: Learner, lesson: LessonPage, site: Site | None = None, channel: Channel = Channel.HOME
) -> LessonProgress:
    """A required H5P activity of the lesson was passed (cms.h5p.xapi): the lesson is done, and the
    course complete if that was its last step."""
    with transaction.atomic():
        progress = _complete_lesson(learner, lesson, site, channel, quiz_newly_passed=True)
        note_activity(learner)
    return progress


def _passed_before(learner, pack_id, quiz_key) -> bool:
    return QuizAttempt.objects.filter(learner=learner, pack_id=pack_id, quiz_key=quiz_key, passed=True).exists()


def _complete_lesson(learner, lesson, site=None, channel=Channel.HOME, quiz_newly_passed=False) -> LessonProgress:
    """Record the lesson as done (the first time is kept), and its course if that was the last step."""
    lesson_id = item_key(lesson)
    progress, newly_done = LessonProgress.objects.get_or_create(
        learner=learner,
        pack_id=lesson_id.pack_id,
        lesson_key=lesson_id.key,
        defaults={"language": lesson.locale.language_code, "site": site},
    )
    # Only a lesson newly done or a quiz passed for the first time can complete the course: a learner
    # passing a quiz again (to better their score) is spared the course's whole standing.
    if newly_done or quiz_newly_passed:
        course = lesson.get_parent().specific
        if isinstance(course, CoursePage):
            _complete_course_if_done(learner, course, lesson.locale.language_code, site, channel)
    return progress


def _complete_course_if_done(learner, course, language, site, channel):
    standing = course_progress(learner, course, LessonPage.objects.child_of(course).live())
    if standing.requirements_met and standing.completion is None:
        course_id = item_key(course)
        completion, _ = CourseCompletion.objects.get_or_create(
            learner=learner,
            pack_id=course_id.pack_id,
            course_key=course_id.key,
            defaults={"language": language, "site": site, "channel": channel},
        )
        issue_certificate(completion, _title_in(course, completion.language))


def course_certificate(learner: Learner | None, course: CoursePage) -> Certificate | None:
    """The learner's certificate for ``course``, None before they complete it.

    A completion recorded before certificates existed gets its certificate now, titled in the
    language the course was completed in.
    """
    if learner is None:
        return None
    course_id = item_key(course)
    keys = {"learner": learner, "pack_id": course_id.pack_id, "course_key": course_id.key}
    certificate = Certificate.objects.filter(**keys).first()
    completion = CourseCompletion.objects.filter(**keys).first() if certificate is None else None
    if completion is None:
        return certificate
    return issue_certificate(completion, _title_in(course, completion.language))


def _title_in(course: CoursePage, language: str) -> str:
    """The course's title in ``language`` (a completion's, which a concurrent request in another
    language may have recorded), or in the given page's language when it has no such translation."""
    if course.locale.language_code == language:
        return course.title
    locale = Locale.objects.filter(language_code=language).first()
    translation = course.get_translation_or_none(locale) if locale else None
    return (translation or course).title


@dataclass(frozen=True)
class QuizStanding:
    best_percent: int | None  # None: never attempted
    passed: bool


def quiz_standing(learner: Learner | None, pack_id: str, quiz_key: str) -> QuizStanding:
    """The learner's best score at a quiz and whether any attempt passed it."""
    if learner is None:
        return QuizStanding(None, False)
    # In SQL: every answer's reply carries the standing (cms.learning.lesson_views), and building the
    # ORM's aggregate() cost twice as much as running it.
    with connection.cursor() as cursor:
        cursor.execute(_STANDING_SQL, [learner.pk, pack_id, quiz_key])
        best, passed = cursor.fetchone()
    return QuizStanding(best, bool(passed))


# Read through the index "attempts_by_quiz" (learner, pack_id, quiz_key).
_STANDING_SQL = (
    "SELECT MAX(score_percent), MAX(CASE WHEN passed THEN 1 ELSE 0 END)"
    f" FROM {QuizAttempt._meta.db_table} WHERE learner_id = %s AND pack_id = %s AND quiz_key = %s"
)


@dataclass(frozen=True)
class LessonStatus:
    lesson: LessonPage
    done: bool
    quiz_key: str | None
    quiz_passed: bool
    activity_passed: bool = True  # its required H5P activity (cms.h5p.progress), if it has one

    @property
    def finished(self) -> bool:
        """Done, and its quiz (if any) and required H5P activity (if any) passed: all the course asks of this lesson."""
        return self.done and (self.quiz_key is None or self.quiz_passed) and self.activity_passed


@dataclass(frozen=True)
class CourseProgress:
    lessons: list[LessonStatus]
    completion: CourseCompletion | None

    @property
    def done(self) -> int:
        return sum(1 for status in self.lessons if status.done)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def started(self) -> bool:
        return self.done > 0

    @property
    def requirements_met(self) -> bool:
        return bool(self.lessons) and all(status.finished for status in self.lessons)

    @property
    def next_lesson(self) -> LessonPage | None:
        """Where to continue: the first lesson not done, else the first whose quiz is not passed yet."""
        waiting = next((s for s in self.lessons if not s.done), None) or next(
            (s for s in self.lessons if not s.finished), None
        )
        return waiting.lesson if waiting else None


def course_progress(learner: Learner | None, course: CoursePage, lessons) -> CourseProgress:
    """The learner's standing in ``course``, whose live ``lessons`` (in the order shown) are given."""
    lessons = list(lessons)
    keys = {lesson.pk: item_key(lesson) for lesson in lessons}
    quizzes = {lesson.pk: quiz_key_of(lesson) for lesson in lessons}
    done, passed, completion = set(), set(), None
    if learner is not None:
        lesson_keys = {key.key for key in keys.values()}
        done = set(
            LessonProgress.objects.filter(learner=learner, lesson_key__in=lesson_keys).values_list(
                "pack_id", "lesson_key"
            )
        )
        passed = set(
            QuizAttempt.objects.filter(
                learner=learner, passed=True, quiz_key__in={key for key in quizzes.values() if key}
            ).values_list("pack_id", "quiz_key")
        )
        course_id = item_key(course)
        completion = CourseCompletion.objects.filter(
            learner=learner, pack_id=course_id.pack_id, course_key=course_id.key
        ).first()
    activities_waiting = unpassed_required_activities(learner, [(key.pack_id, key.key) for key in keys.values()])
    statuses = [
        LessonStatus(
            lesson,
            done=(keys[lesson.pk].pack_id, keys[lesson.pk].key) in done,
            quiz_key=quizzes[lesson.pk],
            quiz_passed=(keys[lesson.pk].pack_id, quizzes[lesson.pk]) in passed,
            activity_passed=(keys[lesson.pk].pack_id, keys[lesson.pk].key) not in activities_waiting,
        )
        for lesson in lessons
    ]
    return CourseProgress(statuses, completion)
