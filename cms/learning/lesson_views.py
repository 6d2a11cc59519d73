"""The lesson page's side of learning: what it shows a learner, and the two forms it takes.

GET   The page's context gets ``lesson_state`` (a LessonState): whether the lesson is done, fresh
      one-time tokens for its forms, the learner's best score and, with ``?attempt=<token>``, the
      review of that attempt. Only the learner who made an attempt may see it; others get a 404.
POST  To the lesson's own URL (LessonPage.serve; CSRF-protected like any Django view):
      ``action=quiz``  answers to the page's quiz: graded, recorded, then a redirect to the
                       review (POST-redirect-GET: reloading the review sends nothing again);
      ``action=done``  "I have finished this lesson": recorded, then back to the lesson.
      A forged, out-of-date or someone else's form gets a 400 page and records nothing.

The form fields: ``action``, ``token`` (cms.learning.tokens), ``quiz`` (the quiz key) and one
``answer-<question key>`` per question (cms.learning.grading).
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from wagtail.models import Site

from cms.learning.grading import InvalidAnswers, Quiz, QuizResult, grade, read_answers
from cms.learning.learners import LearnerTaken, current_learner, first_form_learner, tie_learner
from cms.learning.models import LessonPage, LessonProgress, QuizAttempt
from cms.learning.progress import QuizStanding, item_key, lesson_quiz, mark_lesson_done, quiz_standing, record_attempt
from cms.learning.tokens import FormRefused, make_token, read_token

ATTEMPT_PARAMETER = "attempt"
REVIEW_ANCHOR = "quiz-result"
DONE_ANCHOR = "lesson-done"


@dataclass(frozen=True)
class LessonState:
    done: bool
    done_token: str  # "" once the lesson is done
    quiz: Quiz | None
    quiz_token: str
    standing: QuizStanding
    attempt: QuizAttempt | None  # the attempt asked for with ?attempt=
    review: QuizResult | None  # that attempt graded against the quiz as this page shows it


def lesson_state(request, lesson: LessonPage) -> LessonState:
    """What the lesson page shows this request's learner. Raises Http404 for someone else's attempt."""
    learner = current_learner(request)
    lesson_id = item_key(lesson)
    quiz = lesson_quiz(lesson)
    done = (
        learner is not None
        and LessonProgress.objects.filter(learner=learner, pack_id=lesson_id.pack_id, lesson_key=lesson_id.key).exists()
    )
    attempt = _requested_attempt(request, learner, lesson_id.pack_id, quiz)
    return LessonState(
        done=done,
        done_token="" if done else make_token(request, lesson_id.pack_id, lesson_id.key, learner=learner),
        quiz=quiz,
        quiz_token=make_token(request, lesson_id.pack_id, lesson_id.key, quiz.key, learner=learner) if quiz else "",
        standing=quiz_standing(learner, lesson_id.pack_id, quiz.key) if quiz else QuizStanding(None, False),
        attempt=attempt,
        review=grade(quiz, attempt.answers) if attempt else None,
    )


def _requested_attempt(request, learner, pack_id, quiz) -> QuizAttempt | None:
    token = request.GET.get(ATTEMPT_PARAMETER)
    if token is None:
        return None
    attempt = None
    if learner is not None and quiz is not None:
        attempt = QuizAttempt.objects.filter(token=token, learner=learner, pack_id=pack_id, quiz_key=quiz.key).first()
    if attempt is None:
        raise Http404("no such attempt of yours at this quiz")
    return attempt


def answer_lesson_form(request, lesson: LessonPage):
    """Handle a POST to the lesson page: the quiz or the "finished" form; 400 for anything else."""
    handlers = {"quiz": _answer_quiz, "done": _mark_done}
    handler = handlers.get(request.POST.get("action"))
    try:
        if handler is None:
            raise FormRefused("unknown form")
        return handler(request, lesson)
    except (FormRefused, InvalidAnswers, LearnerTaken):
        return TemplateResponse(request, "rahnuma_learning/form_refused.html", {"page": lesson}, status=400)


def _answer_quiz(request, lesson):
    quiz = lesson_quiz(lesson)
    if quiz is None or request.POST.get("quiz") != quiz.key:
        raise FormRefused("this lesson has no such quiz")
    lesson_id = item_key(lesson)
    learner = current_learner(request)
    token = read_token(
        request, request.POST.get("token", ""), lesson_id.pack_id, lesson_id.key, quiz.key, learner=learner
    )
    answers = read_answers(quiz, request.POST)
    with _recording(request, learner, token) as learner:
        attempt, _ = record_attempt(learner, lesson, quiz, answers, token.nonce, site=Site.find_for_request(request))
        if attempt.learner_id != learner.pk:
            raise FormRefused("this form was already sent by another learner")
    query = urlencode({ATTEMPT_PARAMETER: attempt.token})
    return redirect(f"{lesson.get_url(request)}?{query}#{REVIEW_ANCHOR}")


def _mark_done(request, lesson):
    lesson_id = item_key(lesson)
    learner = current_learner(request)
    token = read_token(request, request.POST.get("token", ""), lesson_id.pack_id, lesson_id.key, learner=learner)
    with _recording(request, learner, token) as learner:
        mark_lesson_done(learner, lesson, site=Site.find_for_request(request))
    return redirect(f"{lesson.get_url(request)}#{DONE_ANCHOR}")


@contextmanager
def _recording(request, learner, token):
    """A transaction to record a post in, with its learner: the session's, or the one the browser's
    first form makes. A new learner is tied to the session only once the post is recorded."""
    with transaction.atomic():
        recorder = learner or first_form_learner(token.new_learner_id)
        yield recorder
    if learner is None:
        tie_learner(request, recorder)
