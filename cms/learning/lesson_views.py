"""The lesson page's side of learning: what it shows a learner, and the two forms it takes.

GET   The page's context gets ``lesson_state`` (a LessonState): whether the lesson is done, fresh
      one-time tokens for its forms, the learner's best score and, with ``?attempt=<token>``, the
      review of that attempt. Only the learner who made an attempt may see it; others get a 404.
POST  To the lesson's own URL (LessonPage.serve; CSRF-protected like any Django view):
      ``action=quiz``  answers to the page's quiz: graded, recorded, then a redirect to the
                       review (POST-redirect-GET: reloading the review sends nothing again);
      ``action=done``  "I have finished this lesson": recorded, then back to the lesson.
      A forged, out-of-date or someone else's form gets a 400 page and records nothing.

A quiz post that prefers JSON (``Accept: application/json``) gets the review in place of the
redirect, so a slow phone shows the result without loading the page again: ``{"attempt",
"score_percent", "passed", "best_percent", "review_html", "token"}``, where ``token`` is a fresh
one-time token for another try; a refused post gets ``{"error": ...}`` with status 400.
themes/web/static/web/js/quiz.js posts the same form to ``answer_quiz`` (/<language>/learn/lessons/
<id>/answer/), which finds the lesson by id instead of walking the page tree, and always answers JSON.

The form fields: ``action``, ``token`` (cms.learning.tokens), ``quiz`` (the quiz key) and one
``answer-<question key>`` per question (cms.learning.grading).
"""

from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_POST
from wagtail.models import Site

from cms.learning.channels import channel_of
from cms.learning.grading import InvalidAnswers, Quiz, QuizResult, grade, read_answers
from cms.learning.learners import LearnerTaken, current_learner, first_form_learner, tie_learner
from cms.learning.models import LessonPage, LessonProgress, QuizAttempt
from cms.learning.progress import QuizStanding, item_key, lesson_quiz, mark_lesson_done, quiz_standing, record_attempt
from cms.learning.quiz_lessons import quiz_lesson
from cms.learning.throttle import over_rate, too_many_requests
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


REFUSED = (FormRefused, InvalidAnswers, LearnerTaken)
REFUSED_JSON = {"error": "form refused"}


def answer_lesson_form(request, lesson: LessonPage):
    """Handle a POST to the lesson page: the quiz or the "finished" form; 400 for anything else, 429 too many."""
    if over_rate(request, "quiz"):
        return too_many_requests(request)
    as_json = request.get_preferred_type(["text/html", "application/json"]) == "application/json"
    handlers = {"quiz": partial(_answer_quiz, as_json=as_json), "done": _mark_done}
    handler = handlers.get(request.POST.get("action"))
    try:
        if handler is None:
            raise FormRefused("unknown form")
        return handler(request, lesson)
    except REFUSED:
        if as_json:
            return JsonResponse(REFUSED_JSON, status=400)
        return TemplateResponse(request, "rahnuma_learning/form_refused.html", {"page": lesson}, status=400)


@require_POST
def answer_quiz(request, lesson_id: int):
    """The lesson's quiz form posted by quiz.js: answered as the lesson page would, in JSON.

    The lesson is found by id (cms.learning.quiz_lessons), in the URL's language, live and on this
    request's site, and its view restrictions are kept, as Wagtail's serving of the page would keep them.
    """
    if over_rate(request, "quiz"):
        return too_many_requests(request)
    lesson = quiz_lesson(lesson_id)
    if lesson is None or not lesson.shown_to(request, get_language(), Site.find_for_request(request)):
        raise Http404("no such lesson here")
    if request.POST.get("action") != "quiz":
        return JsonResponse(REFUSED_JSON, status=400)
    try:
        return _answer_quiz(request, lesson.page, quiz=lesson.quiz, as_json=True)
    except REFUSED:
        return JsonResponse(REFUSED_JSON, status=400)


def _answer_quiz(request, lesson, quiz=None, as_json=False):
    """Grade and record the posted answers to ``quiz`` (by default the lesson's, read from its body)."""
    quiz = quiz or lesson_quiz(lesson)
    if quiz is None or request.POST.get("quiz") != quiz.key:
        raise FormRefused("this lesson has no such quiz")
    lesson_id = item_key(lesson)
    learner = current_learner(request)
    token = read_token(
        request, request.POST.get("token", ""), lesson_id.pack_id, lesson_id.key, quiz.key, learner=learner
    )
    answers = read_answers(quiz, request.POST)
    with _recording(request, learner, token) as learner:
        attempt, _ = record_attempt(
            learner,
            lesson,
            quiz,
            answers,
            token.nonce,
            site=Site.find_for_request(request),
            channel=channel_of(request),
        )
        if attempt.learner_id != learner.pk:
            raise FormRefused("this form was already sent by another learner")
    if as_json:
        return _review_as_json(request, lesson, quiz, attempt)
    query = urlencode({ATTEMPT_PARAMETER: attempt.token})
    return redirect(f"{lesson.get_url(request)}?{query}#{REVIEW_ANCHOR}")


def _review_as_json(request, lesson, quiz, attempt):
    """The attempt's review, as the page would show it, and a token for trying again."""
    lesson_id = item_key(lesson)
    standing = quiz_standing(attempt.learner, lesson_id.pack_id, quiz.key)
    review_html = render_to_string(
        "rahnuma_learning/includes/quiz_review.html",
        {
            "page": lesson,
            "result": grade(quiz, attempt.answers),
            "attempt": attempt,
            "standing": standing,
            # No "Next lesson" button in the review: the lesson page around it has its own link on,
            # and finding the next lesson would cost every answer a query.
            "next_lesson": None,
        },
        request,
    )
    return JsonResponse(
        {
            "attempt": attempt.token,
            "score_percent": attempt.score_percent,
            "passed": attempt.passed,
            "best_percent": standing.best_percent,
            "review_html": review_html,
            "token": make_token(request, lesson_id.pack_id, lesson_id.key, quiz.key, learner=attempt.learner),
        }
    )


def _mark_done(request, lesson):
    lesson_id = item_key(lesson)
    learner = current_learner(request)
    token = read_token(request, request.POST.get("token", ""), lesson_id.pack_id, lesson_id.key, learner=learner)
    with _recording(request, learner, token) as learner:
        mark_lesson_done(learner, lesson, site=Site.find_for_request(request), channel=channel_of(request))
    return redirect(f"{lesson.get_url(request)}#{DONE_ANCHOR}")


@contextmanager
def _recording(request, learner, token):
    """The learner to record a post for: the session's, or the one the browser's first form makes.

    A new learner is made in one transaction with what the post records, so a refused post leaves
    none behind, and is tied to the session only once the post is recorded. The session's learner
    needs no transaction around the recording's own: inside one, each answer's transaction became a
    savepoint, two more statements while every other writer waits for its turn.
    """
    if learner is not None:
        yield learner
        return
    with transaction.atomic():
        recorder = first_form_learner(token.new_learner_id)
        yield recorder
    tie_learner(request, recorder)
