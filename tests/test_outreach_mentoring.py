"""Mentoring (cms.outreach.mentoring_views): a mentor's changemakers, those with no recent session, and visits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.centres.models import Role
from cms.outreach.models import MentoringVisit
from tests.outreach_helpers import log_in, make_session, second_centre, staff

URL = "/en/field/mentoring/"


@pytest.fixture
def team(site):
    """Maryam mentors amna (session 5 days ago), bilal (40 days ago) and chand (none); danish is not hers."""
    maryam = staff("maryam", site, Role.MENTOR)
    today = timezone.localdate()
    amna, bilal = (staff(name, site, Role.CHANGEMAKER, mentor=maryam) for name in ("amna", "bilal"))
    staff("chand", site, Role.CHANGEMAKER, mentor=maryam)
    staff("danish", site, Role.CHANGEMAKER)
    make_session(amna, site, held_on=today - timedelta(days=5))
    make_session(bilal, site, held_on=today - timedelta(days=40))
    make_session(bilal, site, held_on=today - timedelta(days=90))
    return maryam, site


def inactive_names(response):
    return [row.user.username for row in response.context["inactive"]]


def test_the_inactive_list_defaults_to_thirty_days(client, team):
    log_in(client, team[0])
    response = client.get(URL)
    assert response.status_code == 200
    assert inactive_names(response) == ["bilal", "chand"]  # danish is not maryam's changemaker


def test_the_inactive_list_takes_the_number_of_days(client, team):
    log_in(client, team[0])
    assert inactive_names(client.get(URL, {"days": 3})) == ["amna", "bilal", "chand"]
    assert inactive_names(client.get(URL, {"days": 60})) == ["chand"]


@pytest.mark.parametrize("days", ["0", "366", "ten", "-5"])
def test_a_bad_number_of_days_is_a_400_naming_days(client, team, days):
    log_in(client, team[0])
    response = client.get(URL, {"days": days})
    assert response.status_code == 400 and "days:" in response.content.decode()


def test_a_session_at_another_centre_does_not_count_for_this_one(client, team):
    maryam, site = team
    mirpur = second_centre(site)
    chand = staff("chand", mirpur, Role.CHANGEMAKER)
    make_session(chand, mirpur, held_on=timezone.localdate())
    log_in(client, maryam)
    assert "chand" in inactive_names(client.get(URL))


def test_a_mentor_records_a_visit_to_their_own_changemaker_only(client, team):
    maryam, site = team
    log_in(client, maryam)
    form = client.get(URL).context["form"]
    choices = {row.user.username: row.pk for row in form.fields["changemaker_role"].queryset}
    assert set(choices) == {"amna", "bilal", "chand"}

    response = client.post(
        URL, {"changemaker_role": choices["bilal"], "visited_on": "2026-11-25", "notes": "Met at Raiwind."}
    )
    assert response.status_code == 302
    visit = MentoringVisit.objects.get()
    assert (visit.mentor, visit.changemaker.username, visit.centre, visit.notes) == (
        maryam,
        "bilal",
        site,
        "Met at Raiwind.",
    )

    from cms.centres.models import CentreStaff

    danish_role = CentreStaff.objects.get(user__username="danish")
    response = client.post(URL, {"changemaker_role": danish_role.pk, "visited_on": "2026-11-25", "notes": "x"})
    assert response.status_code == 400 and "changemaker_role" in response.context["form"].errors
    assert MentoringVisit.objects.count() == 1


def test_changemakers_cannot_open_the_mentoring_page(client, team):
    from django.contrib.auth.models import User

    log_in(client, User.objects.get(username="amna"))
    assert client.get(URL).status_code == 403
