"""Storing a session sent by the field kit, once, however many times the phone sends it.

The browser makes the session's ``public_id`` before saving (offline too) and sends it with every
retry. The first post stores the session; every later post with that id answers with the stored
session and changes nothing. Two posts racing each other meet the unique constraint: the loser
reads the winner's row::

    session, created = record_session(form, user)
"""

from django.db import IntegrityError, transaction

from cms.outreach.models import OutreachSession, SessionAttendance


class SessionTaken(Exception):
    """The id belongs to a session recorded by someone else: never answer with their session."""


def existing_session(public_id, user) -> OutreachSession | None:
    """The session already stored under ``public_id``, if any; SessionTaken when it is another user's."""
    session = OutreachSession.objects.filter(public_id=public_id).first()
    if session is not None and session.changemaker_id != user.pk:
        raise SessionTaken(f"session {public_id} was recorded by another user")
    return session


def record_session(form, user) -> tuple[OutreachSession, bool]:
    """Store the valid SessionForm's session for ``user``; (session, False) when it was stored before."""
    public_id = form.cleaned_data["public_id"]
    session = existing_session(public_id, user)
    if session is not None:
        return session, False
    try:
        with transaction.atomic():
            session = form.save(commit=False)
            session.public_id = public_id
            session.changemaker = user
            session.save()
            form.save_m2m()
            SessionAttendance.objects.bulk_create(
                SessionAttendance(session=session, sex=sex, age_band=age_band, count=count)
                for (sex, age_band), count in form.attendance_counts().items()
            )
    except IntegrityError:
        # Another request stored this id between our look-up and our insert.
        session = existing_session(public_id, user)
        if session is None:
            raise
        return session, False
    return session, True
