"""Staff see a centre's records only through a role there; superusers see every centre."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from wagtail.models import Site

from cms.centres.access import centres_for, has_role, in_centres_of
from cms.centres.models import CentreStaff, District, Role


@pytest.fixture
def two_centres(site):
    mirpur = Site.objects.create(hostname="mirpur.localhost", port=80, root_page=site.root_page, site_name="Mirpur")
    return site, mirpur


def test_roles_are_held_per_centre(two_centres):
    lahore, mirpur = two_centres
    counsellor = User.objects.create_user("amna")
    CentreStaff.objects.create(user=counsellor, centre=lahore, role=Role.COUNSELLOR)
    CentreStaff.objects.create(user=counsellor, centre=mirpur, role=Role.CHANGEMAKER)

    assert list(centres_for(counsellor, Role.COUNSELLOR)) == [lahore]
    assert set(centres_for(counsellor, Role.COUNSELLOR, Role.CHANGEMAKER)) == {lahore, mirpur}
    assert has_role(counsellor, Role.COUNSELLOR)
    assert not has_role(counsellor, Role.MENTOR)


def test_records_are_narrowed_to_the_users_centres(two_centres):
    lahore, mirpur = two_centres
    manager = User.objects.create_user("bilal")
    CentreStaff.objects.create(user=manager, centre=mirpur, role=Role.MANAGER)
    CentreStaff.objects.create(user=User.objects.create_user("sana"), centre=lahore, role=Role.COUNSELLOR)
    staff_rows = CentreStaff.objects.all()

    assert list(in_centres_of(staff_rows, manager, Role.MANAGER).values_list("centre", flat=True)) == [mirpur.pk]
    assert not in_centres_of(staff_rows, manager, Role.COUNSELLOR).exists()


def test_superusers_see_every_centre_and_anonymous_visitors_none(two_centres):
    root = User.objects.create_superuser("root")
    assert set(centres_for(root)) == set(two_centres)
    assert has_role(root, Role.COUNSELLOR)
    assert not centres_for(AnonymousUser(), Role.MANAGER).exists()
    assert not has_role(AnonymousUser(), Role.MANAGER)


def test_the_punjab_districts_are_seeded(db):
    assert District.objects.filter(province="Punjab").count() == 36
    assert District.objects.filter(name="Lahore", province="Punjab").exists()
