"""The site's side of playing an activity in a lesson: launching the player and receiving its results.

``launch`` (GET, the learner's session) answers the signed player link for the lesson's activity
(cms.h5p.tokens), the saved state to resume from and a CSRF token; the lesson page's relay script
(cms/h5p/static/h5p/relay.js) opens the link in a sandboxed iframe. ``xapi`` (POST, the session and
CSRF) takes each statement the relay passes on from the player, with the activity's state, and
records it (cms.h5p.xapi). On a kiosk no state is kept or offered: the next learner must not
resume the last one's activity.
"""

import json

from django.conf import settings
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Site

from cms.h5p.models import Content, LessonActivity, SavedState
from cms.h5p.tokens import player_token
from cms.h5p.xapi import StatementRefused, record_statement
from cms.learning.channels import channel_of
from cms.learning.kiosk import kiosk_timings
from cms.learning.learners import current_learner
from cms.learning.models import LessonPage
from cms.learning.progress import item_key, record_activity_passed
from cms.learning.throttle import rate_limited

MAX_BODY_BYTES = 128 * 1024  # a statement and the activity's state
MAX_STATE_CHARS = 64 * 1024


def lesson_activity(lesson: LessonPage) -> LessonActivity | None:
    """The lesson's H5P activity when it can be played (its libraries are approved), else None."""
    lesson_id = item_key(lesson)
    activity = (
        LessonActivity.objects.select_related("content__main_library")
        .filter(pack_id=lesson_id.pack_id, lesson_key=lesson_id.key)
        .first()
    )
    if activity is None or not Content.objects.playable().filter(pk=activity.content_id).exists():
        return None
    return activity


def _lesson_and_activity(lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    activity = lesson_activity(lesson)
    if activity is None:
        raise Http404
    return lesson, activity


def _keeps_state(request) -> bool:
    return kiosk_timings(request) is None


@require_safe
@never_cache
def launch(request, lesson_id):
    lesson, activity = _lesson_and_activity(lesson_id)
    learner = current_learner(request)
    state = None
    if learner is not None and _keeps_state(request):
        state = (
            SavedState.objects.filter(learner=learner, content=activity.content).values_list("data", flat=True).first()
        )
    token = player_token(activity.content, lesson.locale.language_code, f"{request.scheme}://{request.get_host()}")
    return JsonResponse(
        {
            "src": f"{settings.H5P_ORIGIN}/h5p/embed/{token}/",
            "origin": settings.H5P_ORIGIN,
            "state": state,
            "xapi": reverse("h5p:xapi", args=[lesson.pk]),
            "csrf": get_token(request),
        }
    )


@require_POST
@never_cache
@rate_limited("h5p")
def xapi(request, lesson_id):
    lesson, activity = _lesson_and_activity(lesson_id)
    if len(request.body) > MAX_BODY_BYTES:
        return JsonResponse({"error": "too large"}, status=413)
    try:
        body = json.loads(request.body)
        statement = body["statement"]
    except (ValueError, TypeError, KeyError):
        return JsonResponse({"error": 'send {"statement": ...} as JSON'}, status=400)
    learner = current_learner(request, create=True)
    try:
        outcome = record_statement(learner, activity, lesson.locale.language_code, statement)
    except StatementRefused as refused:
        return JsonResponse({"error": str(refused), "field": refused.field}, status=400)
    state = body.get("state")
    if isinstance(state, str) and len(state) <= MAX_STATE_CHARS and _keeps_state(request):
        SavedState.objects.update_or_create(learner=learner, content=activity.content, defaults={"data": state})
    if outcome.passed and activity.required:
        record_activity_passed(learner, lesson, site=Site.find_for_request(request), channel=channel_of(request))
    attempt = outcome.attempt
    return JsonResponse(
        {
            "statement": str(outcome.statement.pk),
            "finished": outcome.finished,
            "passed": outcome.passed,
            "percent": attempt.percent if outcome.finished else None,
        }
    )
