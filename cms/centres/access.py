"""Which centres a user works for, in which role, and the records that limits them to.

Superusers see every centre. Everyone else sees a centre's records only through a ``CentreStaff``
role there: staff of one centre never see another centre's clients or sessions.
"""

from wagtail.models import Site

from cms.centres.models import CentreStaff, Role


def centres_for(user, *roles: Role):
    """The Sites where ``user`` holds any of ``roles`` (every Site for a superuser)."""
    if not user.is_authenticated:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(pk__in=CentreStaff.objects.filter(user=user, role__in=roles).values("centre"))


def has_role(user, *roles: Role) -> bool:
    """Whether ``user`` holds any of ``roles`` at some centre (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or CentreStaff.objects.filter(user=user, role__in=roles).exists()


def in_centres_of(queryset, user, *roles: Role, field: str = "centre"):
    """``queryset`` narrowed to the rows whose ``field`` is a centre where ``user`` holds one of ``roles``."""
    if user.is_authenticated and user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": centres_for(user, *roles)})
