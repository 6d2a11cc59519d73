"""Before/after checks: a lesson's quiz taken at the start and at the end of a session, and what was learnt.

Answers from the shared phone (CheckAttempt) are graded with the learning engine's grading
(cms.learning.grading); a question counts as right only when it scores full marks. Paper checks
arrive as counts per question (PaperTally). Both add up per question and phase::

    report = knowledge_gain(session)
    report.questions[0].before.percent, report.questions[0].gain, report.overall.gain

A phase's percent is right / answered over everyone who answered that question in that phase;
the gain is after% - before%, in percentage points, None while a phase has no answers.
``topic_gains(sessions)`` adds many sessions' answers up per check lesson, for the managers' view.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from django.db import IntegrityError, transaction

from cms.learning.grading import Quiz, grade
from cms.learning.progress import item_key, lesson_quiz
from cms.outreach.models import CheckAttempt, PaperTally, Phase


def session_quiz(session) -> Quiz | None:
    """The quiz of the session's check lesson, as the lesson holds it now."""
    lesson = session.check_lesson
    return lesson_quiz(lesson.specific) if lesson is not None else None


def record_check_attempt(session, phase: str, answers, token: str) -> tuple[CheckAttempt, bool]:
    """Record one participant's answers; (attempt, False) when this form's ``token`` was recorded before."""
    try:
        with transaction.atomic():
            return CheckAttempt.objects.create(session=session, phase=phase, answers=answers, token=token), True
    except IntegrityError:
        return CheckAttempt.objects.get(token=token, session=session), False


@dataclass
class Tally:
    answered: int = 0
    right: int = 0

    @property
    def percent(self) -> Fraction | None:
        return Fraction(100 * self.right, self.answered) if self.answered else None


def gain(before: Tally, after: Tally) -> Fraction | None:
    if before.percent is None or after.percent is None:
        return None
    return after.percent - before.percent


@dataclass
class QuestionGain:
    key: str
    prompt: str
    before: Tally = field(default_factory=Tally)
    after: Tally = field(default_factory=Tally)

    @property
    def gain(self) -> Fraction | None:
        return gain(self.before, self.after)

    def add(self, other: "QuestionGain"):
        """Count ``other``'s answers in with these, phase by phase."""
        for phase in Phase.values:
            tally, part = getattr(self, phase), getattr(other, phase)
            tally.answered += part.answered
            tally.right += part.right


@dataclass
class GainReport:
    quiz: Quiz
    questions: list[QuestionGain]

    @property
    def overall(self) -> QuestionGain:
        """Every question's answers together: the gain on the session's topic."""
        total = QuestionGain(self.quiz.key, self.quiz.title)
        for question in self.questions:
            total.add(question)
        return total


def knowledge_gain(session) -> GainReport | None:
    """Right answers before and after, per question of the session's check; None without a check."""
    quiz = session_quiz(session)
    if quiz is None:
        return None
    rows = {question.key: QuestionGain(question.key, question.prompt) for question in quiz.questions}
    for attempt in session.check_attempts.all():
        for result in grade(quiz, attempt.answers).questions:
            if result.answered:
                tally = getattr(rows[result.question.key], attempt.phase)
                tally.answered += 1
                tally.right += result.right
    for paper in session.paper_tallies.filter(question_key__in=rows):
        tally = getattr(rows[paper.question_key], paper.phase)
        tally.answered += paper.answered
        tally.right += paper.correct
    return GainReport(quiz, list(rows.values()))


def topic_gains(sessions) -> list[GainReport]:
    """The knowledge gain per topic over many sessions: their answers added up per check lesson.

    A lesson's copies in other languages are the same topic (cms.learning.progress.item_key), and
    their quizzes share question keys, so a session held in Urdu adds to one held in English.
    """
    topics: dict = {}
    for session in sessions.filter(check_lesson__isnull=False).select_related("check_lesson"):
        report = knowledge_gain(session)
        if report is None:
            continue
        total = topics.setdefault(
            item_key(session.check_lesson),
            GainReport(report.quiz, [QuestionGain(question.key, question.prompt) for question in report.questions]),
        )
        by_key = {question.key: question for question in total.questions}
        for question in report.questions:
            if question.key in by_key:
                by_key[question.key].add(question)
    return list(topics.values())


def save_paper_tallies(session, tallies):
    """Replace the session's paper counts for the (phase, question) pairs given, all or nothing."""
    with transaction.atomic():
        for phase, question_key, answered, correct in tallies:
            PaperTally.objects.update_or_create(
                session=session,
                phase=phase,
                question_key=question_key,
                defaults={"answered": answered, "correct": correct},
            )
