"""Optional accounts for learners at home: what signing in does to the session's learner.

An account is a username and a password, nothing more. Signing up or in claims the browser's
anonymous learner for the account; if the account already has a learner, the anonymous one's
records are merged into it, so the account keeps one learner and its progress from every device.
An account always has a learner once it has signed in::

    before = current_learner(request)   # read before login(): switching users empties the session
    login(request, user)
    learner = settle_learner(request, user, before)

A learner that belongs to another account is never claimed. Signing out goes through
``forget_learner`` (cms.learning.learners), like the kiosk's "Finish and clear".
"""

from django.db import transaction

from cms.learning.certificates import move_certificates
from cms.learning.learners import tie_learner
from cms.learning.models import CourseCompletion, Learner, LessonProgress, QuizAttempt, ResumeCode


def user_learner(user) -> Learner | None:
    """The account's learner (its first, should there ever be more than one)."""
    return Learner.objects.filter(user=user).order_by("created_at", "pk").first()


def settle_learner(request, user, before: Learner | None) -> Learner:
    """Tie the account's learner to the session, after claiming or merging ``before``, the session's
    learner from before signing in. An account without a learner gets one now, so that what the user
    records from here on is the account's (a learner made later would not know its user)."""
    owned = user_learner(user)
    if before is not None and before.user_id is None:
        if owned is None:
            before.user = user
            before.save(update_fields=["user"])
            owned = before
        else:
            merge_learners(before, owned)
    if owned is None:
        owned = Learner.objects.create(user=user)
    return tie_learner(request, owned)


def merge_learners(source: Learner, target: Learner):
    """Move everything ``source`` recorded to ``target`` and delete ``source``, in one transaction.

    A lesson or course both finished keeps its earlier record; quiz attempts and resume codes all move;
    certificates move as cms.learning.certificates.move_certificates says.
    """
    with transaction.atomic():
        # Lock the target so that two devices signing in at once merge one after the other.
        target = Learner.objects.select_for_update().get(pk=target.pk)
        _move_keeping_earliest(LessonProgress, ("pack_id", "lesson_key"), source, target)
        _move_keeping_earliest(CourseCompletion, ("pack_id", "course_key"), source, target)
        QuizAttempt.objects.filter(learner=source).update(learner=target)
        ResumeCode.objects.filter(learner=source).update(learner=target)
        move_certificates(source, target)
        if source.last_seen_at > target.last_seen_at:
            Learner.objects.filter(pk=target.pk).update(last_seen_at=source.last_seen_at)
        source.delete()


def _move_keeping_earliest(model, key_fields, source, target):
    """Move ``source``'s rows of ``model`` (one per learner and key) to ``target``; where both have
    a row for a key, the earlier (by ``completed_at``) is kept, whole, and the other deleted."""
    kept = {tuple(getattr(row, field) for field in key_fields): row for row in model.objects.filter(learner=target)}
    for row in model.objects.filter(learner=source):
        existing = kept.get(tuple(getattr(row, field) for field in key_fields))
        if existing is not None and existing.completed_at <= row.completed_at:
            row.delete()
            continue
        if existing is not None:
            existing.delete()
        row.learner = target
        row.save(update_fields=["learner"])
