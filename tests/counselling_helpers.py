"""Helpers for the counselling and indicators tests: two centres, their staff, and client records."""

from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from wagtail.models import Site

from cms.centres.models import CentreStaff, District, Role
from cms.counselling.models import Client


def second_centre(site) -> Site:
    return Site.objects.create(hostname="mirpur.localhost", port=80, root_page=site.root_page, site_name="Mirpur")


# The groups the migrations make for these roles (admin access, and targets for managers).
ROLE_GROUPS = {Role.COUNSELLOR: "Counsellors", Role.MANAGER: "Centre managers"}


def admin_staff(username, centre, role) -> User:
    """A user who may enter the Wagtail admin (through their role's group, if any) and holds ``role`` at ``centre``."""
    user = User.objects.filter(username=username).first() or User.objects.create_user(username, password="pw")
    if role in ROLE_GROUPS:
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    else:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    CentreStaff.objects.create(user=user, centre=centre, role=role)
    return user


def district(name) -> District:
    return District.objects.get(name=name, province="Punjab")


def new_client(centre, **fields) -> Client:
    values = {"sex": "female", "age_band": "25-34", "migration_stage": "preparing", "destination": "SA"}
    values.update(fields)
    return Client.objects.create(centre=centre, **values)


def refused(response) -> bool:
    """Whether the admin refused the page: Wagtail answers PermissionDenied by sending the user home."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
