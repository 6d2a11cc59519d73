"""Before/after checks (cms.outreach.checks): shared-phone answers graded by the learning engine, paper
counts entered afterwards, and the knowledge gain worked out by hand from a known fixture."""

from fractions import Fraction

import pytest

from cms.centres.models import Role
from cms.outreach.checks import knowledge_gain, topic_gains
from cms.outreach.models import CheckAttempt, OutreachSession, PaperTally
from cms.outreach.slips import SESSION_KEY
from tests.outreach_helpers import contract_lesson, log_in, make_session, staff

TOKENS = iter(f"token-{number:04d}-abcdefghij" for number in range(1000))


@pytest.fixture
def outreach(course):
    mentor = staff("maryam", course, Role.MENTOR)
    return make_session(staff("amna", course, Role.CHANGEMAKER, mentor=mentor), course, check_lesson=contract_lesson())


def check_url(session, phase):
    return f"/en/field/sessions/{session.public_id}/check/{phase}/"


def paper_url(session):
    return f"/en/field/sessions/{session.public_id}/paper/"


def answer(client, session, phase, token=None, **answers):
    data = {"token": token or next(TOKENS), **{f"answer-{key}": value for key, value in answers.items()}}
    return client.post(check_url(session, phase), data)


def fill_fixture(client, session):
    """Before: three phone answers and 7 on paper; after: two phone answers and 8 on paper."""
    log_in(client, session.changemaker)
    answer(client, session, "before", q1="a", q2="b")  # q1 right, q2 wrong
    answer(client, session, "before", q1="b", q2="b")  # both wrong
    answer(client, session, "before", q1="a")  # q1 right, q2 not answered
    answer(client, session, "after", q1="a", q2="a")  # both right
    answer(client, session, "after", q1="a", q2="b")  # q1 right, q2 wrong
    paper = {
        "before-q1-answered": 7, "before-q1-correct": 3, "before-q2-answered": 7, "before-q2-correct": 1,
        "after-q1-answered": 8, "after-q1-correct": 8, "after-q2-answered": 8, "after-q2-correct": 5,
    }  # fmt: skip
    assert client.post(paper_url(session), paper).status_code == 302


def test_the_knowledge_gain_matches_the_hand_computed_figures(client, outreach):
    fill_fixture(client, outreach)
    report = knowledge_gain(outreach)
    q1, q2 = report.questions

    # q1: before 2 of 3 on the phone + 3 of 7 on paper = 5/10; after 2/2 + 8/8 = 10/10.
    assert (q1.before.right, q1.before.answered, q1.after.right, q1.after.answered) == (5, 10, 10, 10)
    assert (q1.before.percent, q1.after.percent, q1.gain) == (50, 100, 50)
    # q2: before 0 of 2 + 1 of 7 = 1/9; after 1/2 + 5/8 = 6/10.
    assert (q2.before.right, q2.before.answered, q2.after.right, q2.after.answered) == (1, 9, 6, 10)
    assert q2.gain == Fraction(60) - Fraction(100, 9) == Fraction(440, 9)
    # Both questions: before 6/19, after 16/20.
    assert report.overall.gain == Fraction(80) - Fraction(600, 19) == Fraction(920, 19)


def test_the_session_page_shows_the_gain_to_the_mentor_rounded(client, outreach):
    fill_fixture(client, outreach)
    log_in(client, _mentor(outreach))
    html = client.get(f"/en/field/sessions/{outreach.public_id}/").content.decode()
    assert "11.1% (1/9)" in html and "60.0% (6/10)" in html
    assert "+48.9" in html and "+50.0" in html and "+48.4" in html


def _mentor(session):
    from cms.centres.models import CentreStaff

    return CentreStaff.objects.get(user=session.changemaker, role=Role.CHANGEMAKER).mentor


def test_a_phone_form_sent_twice_is_recorded_once_and_marks_the_session(client, outreach):
    log_in(client, outreach.changemaker)
    assert answer(client, outreach, "before", token="same-token-0123456789", q1="a").status_code == 302
    assert answer(client, outreach, "before", token="same-token-0123456789", q1="a").status_code == 302
    assert CheckAttempt.objects.filter(session=outreach).count() == 1
    assert client.session[SESSION_KEY] == str(outreach.public_id)


@pytest.mark.parametrize(
    "data",
    [
        {"token": "short", "answer-q1": "a"},
        {"token": "a-good-token-0123456789", "answer-q1": "z"},
        {"token": "a-good-token-0123456789", "answer-q9": "a"},
    ],
)
def test_forged_phone_answers_are_refused(client, outreach, data):
    log_in(client, outreach.changemaker)
    assert client.post(check_url(outreach, "before"), data).status_code == 400
    assert not CheckAttempt.objects.exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"before-q1-answered": 5, "before-q1-correct": 6}, "before-q1-correct"),
        ({"after-q2-answered": -1, "after-q2-correct": 0}, "after-q2-answered"),
        ({"after-q2-answered": 4, "after-q2-correct": -2}, "after-q2-correct"),
        ({"before-q2-answered": 4}, "before-q2-correct"),
    ],
)
def test_paper_entry_is_validated_naming_the_field(client, outreach, data, field):
    log_in(client, outreach.changemaker)
    response = client.post(paper_url(outreach), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert f"{field}: " in response.content.decode()
    assert not PaperTally.objects.exists()


def test_paper_entry_again_replaces_the_counts(client, outreach):
    log_in(client, outreach.changemaker)
    client.post(paper_url(outreach), {"before-q1-answered": 5, "before-q1-correct": 2})
    client.post(paper_url(outreach), {"before-q1-answered": 6, "before-q1-correct": 4})
    assert list(PaperTally.objects.values_list("answered", "correct")) == [(6, 4)]


def test_only_the_sessions_changemaker_runs_its_checks(client, outreach, course):
    log_in(client, _mentor(outreach))
    assert client.get(check_url(outreach, "before")).status_code == 403
    log_in(client, staff("bilal", course, Role.CHANGEMAKER))
    assert client.get(check_url(outreach, "before")).status_code == 404
    assert client.post(paper_url(outreach), {"before-q1-answered": 1, "before-q1-correct": 1}).status_code == 404


def test_the_shared_phone_shows_the_questions_but_never_which_answers_are_right(client, outreach):
    log_in(client, outreach.changemaker)
    response = client.get(check_url(outreach, "after"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "When should you read your contract?" in html and 'name="answer-q1"' in html
    # Neither the choices' feedback nor anything marking a choice right may reach the page.
    for feedback in ["Once you sign", "Then it is too late", "yours to keep", "may not keep your passport"]:
        assert feedback not in html
    assert "correct" not in html.replace("please correct it", "")  # the status message's own wording


def test_a_session_without_a_check_has_no_check_pages(client, course):
    session = make_session(staff("amna", course, Role.CHANGEMAKER), course)
    log_in(client, session.changemaker)
    assert client.get(check_url(session, "before"))["Location"] == f"/en/field/sessions/{session.public_id}/"
    assert knowledge_gain(session) is None


def test_managers_see_the_gain_per_topic_over_their_centres_sessions(client, outreach, course):
    from django.contrib.auth.models import Permission

    fill_fixture(client, outreach)
    second = make_session(outreach.changemaker, course, check_lesson=contract_lesson())
    # One more person after the second session, right on q1 only: q1 after 11/11, q2 after 6/11.
    answer(client, second, "after", q1="a", q2="b")
    q1, q2 = topic_gains(OutreachSession.objects.all())[0].questions
    assert (q1.after.right, q1.after.answered, q2.after.right, q2.after.answered) == (11, 11, 6, 11)
    assert q2.gain == Fraction(600, 11) - Fraction(100, 9)

    manager = staff("farah", course, Role.MANAGER)
    manager.user_permissions.add(Permission.objects.get(codename="access_admin"))
    log_in(client, manager)
    html = client.get("/admin/outreach/").content.decode()
    assert "Knowledge gain on" in html and "54.5% (6/11)" in html
