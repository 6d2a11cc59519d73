"""Who is learning: an anonymous Learner tied to the browser's session.

A learner is made only when they first record something (an answer, a finished lesson), never for
reading a page. The session holds the learner's public id under ``SESSION_KEY``; Django keeps
session data when it cycles the session key (``login()`` does), so signing in keeps the learner.
Ending a learner's turn on a shared device (a kiosk's "Finish and clear", a logout) must go
through ``forget_learner``, which also retires the browser's unanswered forms (cms.learning.tokens)::

    learner = current_learner(request)                 # None until they record something
    learner = current_learner(request, create=True)    # make one now if there is none
    forget_learner(request)                            # the next person starts afresh

Nothing personal is kept or logged: no name, no IP address, no user agent.
"""

import uuid
from datetime import timedelta

from django.middleware.csrf import rotate_token
from django.utils import timezone

from cms.learning.models import Learner

SESSION_KEY = "rahnuma_learner"
_CACHE_ATTRIBUTE = "_rahnuma_learner"
# How long after a learner is made a second post of the same first form may still join them: a double
# tap or a slow connection's retry takes seconds; a form replayed by the next person at a kiosk takes longer.
DOUBLE_POST_WINDOW = timedelta(minutes=2)
ACTIVITY_RESOLUTION = timedelta(hours=1)  # how precisely a learner's last activity is kept


class LearnerTaken(Exception):
    """A first form was posted again too long after it made its learner; it belongs to someone else."""


def current_learner(request, create=False) -> Learner | None:
    """The learner tied to this request's session, or None.

    With ``create=True`` a learner is made and tied to the session when there is none.
    """
    if not hasattr(request, _CACHE_ATTRIBUTE):
        setattr(request, _CACHE_ATTRIBUTE, _learner_in_session(request))
    learner = getattr(request, _CACHE_ATTRIBUTE)
    if learner is None and create:
        learner = tie_learner(request, Learner.objects.create())
    return learner


def _learner_in_session(request) -> Learner | None:
    public_id = request.session.get(SESSION_KEY)
    if public_id is None:
        return None
    try:
        return Learner.objects.get(public_id=public_id)
    except (Learner.DoesNotExist, ValueError, TypeError):
        # The learner was deleted, or the value is not an id: start afresh rather than fail.
        del request.session[SESSION_KEY]
        return None


def tie_learner(request, learner: Learner) -> Learner:
    """Make ``learner`` this session's learner (a new one, or one found again later by a resume code)."""
    request.session[SESSION_KEY] = str(learner.public_id)
    setattr(request, _CACHE_ATTRIBUTE, learner)
    return learner


def first_form_learner(public_id: uuid.UUID) -> Learner:
    """The learner made by a browser's first form post, whose id the form's token derives.

    Both posts of a double-tapped first form derive the same id, so the second finds the learner
    the first just made and the browser ends up with one learner, not two. Call it inside the
    transaction that records the post, so a refused post leaves no learner behind. Raises
    LearnerTaken when that learner is older than DOUBLE_POST_WINDOW.
    """
    learner, _ = Learner.objects.get_or_create(public_id=public_id)
    if learner.created_at < timezone.now() - DOUBLE_POST_WINDOW:
        raise LearnerTaken("this form already made a learner, too long ago to be a double tap")
    return learner


def forget_learner(request):
    """End this browser's learner session: the session is emptied and given a new key, and the CSRF
    secret is rotated, which invalidates every form the previous learner left open in this browser.
    The learner's records stay (keyed to the learner, not the session)."""
    request.session.flush()
    rotate_token(request)
    setattr(request, _CACHE_ATTRIBUTE, None)


def note_activity(learner: Learner):
    """Remember when the learner last recorded something (not every page view: that would write on reads).

    To the hour: idle learners are forgotten after months (cms.learning.forgetting), so a learner
    answering quiz after quiz needs no write of their own on every answer.
    """
    now = timezone.now()
    if now - learner.last_seen_at >= ACTIVITY_RESOLUTION:
        Learner.objects.filter(pk=learner.pk).update(last_seen_at=now)
        learner.last_seen_at = now
