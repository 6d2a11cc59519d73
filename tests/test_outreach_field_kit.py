"""The changemaker's field kit (cms.outreach.field_views): recording sessions, replays without duplicates,
and who may see what (per role and per centre)."""

import uuid

import pytest
from django.contrib.auth.models import Permission, User

from cms.centres.models import Role
from cms.learning.models import LessonPage
from cms.outreach.models import OutreachSession, SessionAttendance
from tests.outreach_helpers import NEW_SESSION_URL, log_in, second_centre, session_form, staff

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def centres(course):
    return course, second_centre(course)


@pytest.fixture
def amna(centres):
    return staff("amna", centres[0], Role.CHANGEMAKER)


def test_a_changemaker_records_a_session_with_its_attendance_and_topics(client, centres, amna):
    lahore, _ = centres
    lesson = LessonPage.objects.get(locale__language_code="en", pack_key="atlantis-contract")
    log_in(client, amna)
    public_id = uuid.uuid4()
    response = client.post(NEW_SESSION_URL, session_form(lahore, public_id, topics=[str(lesson.pk)]))

    session = OutreachSession.objects.get(public_id=public_id)
    assert response.status_code == 302 and response["Location"] == f"/en/field/sessions/{public_id}/"
    assert (session.changemaker, session.centre, session.tehsil) == (amna, lahore, "Raiwind")
    assert list(session.topics.all()) == [lesson.page_ptr]
    counts = {(row.sex, row.age_band): row.count for row in session.attendance.all()}
    assert counts == {("female", "18-24"): 12, ("male", "25-34"): 8}
    assert session.participants == 20


def test_a_replayed_session_is_stored_once_and_answers_with_the_same_session(client, centres, amna):
    log_in(client, amna)
    data = session_form(centres[0])

    first = client.post(NEW_SESSION_URL, data, **JSON)
    replay = client.post(NEW_SESSION_URL, data, **JSON)

    assert first.status_code == 201 and replay.status_code == 200
    assert (
        first.json()
        == replay.json()
        == {
            "public_id": data["public_id"],
            "url": f"/en/field/sessions/{data['public_id']}/",
        }
    )
    assert OutreachSession.objects.count() == 1
    assert SessionAttendance.objects.count() == 2  # attendance is not added again either


def test_a_replay_after_the_form_became_invalid_still_answers_with_the_stored_session(client, centres, amna):
    log_in(client, amna)
    data = session_form(centres[0])
    client.post(NEW_SESSION_URL, data, **JSON)
    replay = client.post(NEW_SESSION_URL, {**data, "topics": ["999999"]}, **JSON)
    assert replay.status_code == 200
    assert OutreachSession.objects.count() == 1


def test_someone_elses_session_id_is_refused(client, centres, amna):
    lahore, _ = centres
    bilal = staff("bilal", lahore, Role.CHANGEMAKER)
    data = session_form(lahore)
    client.post(NEW_SESSION_URL, data, **log_in(client, amna) and JSON)
    log_in(client, bilal)
    assert client.post(NEW_SESSION_URL, data, **JSON).status_code == 403
    assert OutreachSession.objects.get().changemaker == amna


@pytest.mark.parametrize(
    "field, value",
    [("attendance-female-18-24", "-1"), ("attendance-male-25-34", "5000"), ("tehsil", ""), ("public_id", "nope")],
)
def test_bad_input_is_refused_naming_the_field(client, centres, amna, field, value):
    log_in(client, amna)
    response = client.post(NEW_SESSION_URL, session_form(centres[0], **{field: value}), **JSON)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not OutreachSession.objects.exists()


def test_a_session_needs_at_least_one_person(client, centres, amna):
    log_in(client, amna)
    data = session_form(centres[0], **{"attendance-female-18-24": "0", "attendance-male-25-34": ""})
    response = client.post(NEW_SESSION_URL, data)
    assert response.status_code == 400
    assert "Attendance: enter how many people came" in response.content.decode()


def test_a_changemaker_cannot_record_for_a_centre_where_they_hold_no_role(client, centres, amna):
    _, mirpur = centres
    log_in(client, amna)
    response = client.post(NEW_SESSION_URL, session_form(mirpur), **JSON)
    assert response.status_code == 400 and "centre" in response.json()["errors"]


def test_a_changemaker_sees_only_their_own_sessions(client, centres, amna):
    lahore, _ = centres
    bilal = staff("bilal", lahore, Role.CHANGEMAKER)
    own, others = session_form(lahore), session_form(lahore, tehsil="Chunian")
    client.post(NEW_SESSION_URL, own, **log_in(client, amna) and JSON)
    client.post(NEW_SESSION_URL, others, **log_in(client, bilal) and JSON)

    log_in(client, amna)
    listing = client.get("/en/field/").content.decode()
    assert "Raiwind" in listing and "Chunian" not in listing
    assert client.get(f"/en/field/sessions/{own['public_id']}/").status_code == 200
    assert client.get(f"/en/field/sessions/{others['public_id']}/").status_code == 404
    assert client.get(f"/en/field/sessions/{others['public_id']}/slips/").status_code == 404


def test_mentors_see_their_changemakers_sessions_and_managers_their_centres(client, centres):
    lahore, mirpur = centres
    mentor = staff("maryam", lahore, Role.MENTOR)
    mentored = staff("amna", lahore, Role.CHANGEMAKER, mentor=mentor)
    unmentored = staff("bilal", lahore, Role.CHANGEMAKER)
    in_mirpur = staff("danish", mirpur, Role.CHANGEMAKER)
    sessions = {}
    for user, centre, tehsil in [
        (mentored, lahore, "Raiwind"),
        (unmentored, lahore, "Chunian"),
        (in_mirpur, mirpur, "Dadyal"),
    ]:
        sessions[tehsil] = session_form(centre, tehsil=tehsil)
        log_in(client, user)
        assert client.post(NEW_SESSION_URL, sessions[tehsil], **JSON).status_code == 201

    log_in(client, mentor)
    listing = client.get("/en/field/").content.decode()
    assert "Raiwind" in listing and "Chunian" not in listing and "Dadyal" not in listing

    manager = staff("farah", lahore, Role.MANAGER)
    # Managers reach the Wagtail admin through a group with this permission.
    manager.user_permissions.add(Permission.objects.get(codename="access_admin"))
    log_in(client, manager)
    listing = client.get("/en/field/").content.decode()
    assert "Raiwind" in listing and "Chunian" in listing and "Dadyal" not in listing
    assert client.get(f"/en/field/sessions/{sessions['Dadyal']['public_id']}/").status_code == 404
    admin_listing = client.get("/admin/outreach/").content.decode()
    assert "Chunian" in admin_listing and "Dadyal" not in admin_listing


@pytest.mark.parametrize("role", [Role.COUNSELLOR, None])
def test_other_roles_and_plain_users_are_refused(client, centres, role):
    user = staff("sana", centres[0], role) if role else User.objects.create_user("sana")
    log_in(client, user)
    for url in ["/en/field/", NEW_SESSION_URL, "/en/field/mentoring/", "/admin/outreach/"]:
        assert client.get(url).status_code in (302, 403), url
    assert client.get("/en/field/").status_code == 403
    assert client.post(NEW_SESSION_URL, session_form(centres[0])).status_code == 403
    assert not OutreachSession.objects.exists()


def test_mentors_and_managers_may_not_record_sessions(client, centres):
    log_in(client, staff("maryam", centres[0], Role.MENTOR))
    assert client.get(NEW_SESSION_URL).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, centres):
    response = client.get("/en/field/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/learn/account/login/?next=/en/field/")
