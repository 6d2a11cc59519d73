"""Who may see counselling records: counsellors, only their own centres' clients (and superusers, all).

Every counselling view goes through these: a user without the counsellor role is refused
(PermissionDenied), and a client of another centre is not found (404), the same answer as a client
that does not exist, so a guessed URL learns nothing.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cms.centres.access import centres_for, has_role, in_centres_of
from cms.centres.models import Role
from cms.counselling.models import Client


def may_counsel(user) -> bool:
    return has_role(user, Role.COUNSELLOR)


def require_counsellor(user):
    if not may_counsel(user):
        raise PermissionDenied


def counselling_centres(user):
    """The centres whose clients ``user`` may see and record."""
    return centres_for(user, Role.COUNSELLOR)


def clients_for(user):
    return in_centres_of(Client.objects.all(), user, Role.COUNSELLOR)


def client_for(user, pk) -> Client:
    """The client ``pk`` if ``user`` counsels at its centre, else 404."""
    return get_object_or_404(clients_for(user), pk=pk)


def record_for(user, model, pk):
    """A contact, referral or complaint (``model``) of a client ``user`` may see, else 404."""
    return get_object_or_404(in_centres_of(model.objects.all(), user, Role.COUNSELLOR, field="client__centre"), pk=pk)
