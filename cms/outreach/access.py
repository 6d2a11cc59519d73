"""Which outreach sessions a user may see or change.

- a changemaker sees and changes their own sessions, at the centres where they are a changemaker;
- a mentor sees the sessions of the changemakers they mentor (CentreStaff.mentor), at that centre;
- a manager sees every session of their centres;
- a superuser sees every session. Nobody sees another centre's sessions through a role here.
Only the changemaker who recorded a session (or a superuser) changes it.
"""

from django.db.models import Exists, OuterRef, Q

from cms.centres.access import centres_for
from cms.centres.models import CentreStaff, Role
from cms.outreach.models import OutreachSession


def visible_sessions(user, queryset=None):
    queryset = OutreachSession.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    mentored = CentreStaff.objects.filter(
        user=OuterRef("changemaker"), centre=OuterRef("centre"), role=Role.CHANGEMAKER, mentor=user
    )
    return queryset.filter(
        Q(changemaker=user, centre__in=centres_for(user, Role.CHANGEMAKER))
        | Q(Exists(mentored))
        | Q(centre__in=centres_for(user, Role.MANAGER))
    )


def editable_sessions(user, queryset=None):
    queryset = OutreachSession.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(changemaker=user, centre__in=centres_for(user, Role.CHANGEMAKER))


def mentored_changemakers(user):
    """The CentreStaff rows of the changemakers ``user`` mentors (every changemaker for a superuser)."""
    rows = CentreStaff.objects.filter(role=Role.CHANGEMAKER).select_related("user", "centre")
    return rows if user.is_superuser else rows.filter(mentor=user)
