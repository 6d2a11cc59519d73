"""Optional accounts: signing up with a username and password only, claiming the browser's learner,
merging it into the account's learner, finding it again on another device, logging out, and the limit
on wrong passwords."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from cms.learning.learners import SESSION_KEY
from cms.learning.models import Learner, LessonProgress, QuizAttempt
from cms.packs.importer import install_pack
from tests.learning_helpers import (
    ARRIVAL_URL,
    CONTRACT_HALF,
    CONTRACT_RIGHT,
    CONTRACT_URL,
    COURSE_URL,
    add_arrival_lesson,
    mark_done,
    post_quiz,
)

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/en/learn/account/signup/"
LOGIN_URL = "/en/learn/account/login/"
LOGOUT_URL = "/en/learn/account/logout/"
PASSWORD = "kite-orchard-47-lantern"
ARRIVAL_RIGHT = {"keep": ["passport", "contract", "salary-card"], "register": "true"}


@pytest.fixture
def course(site, pack_copy):
    install_pack(add_arrival_lesson(pack_copy), site)
    return site


def sign_up(client, username="amina"):
    return client.post(SIGNUP_URL, {"username": username, "password1": PASSWORD, "password2": PASSWORD})


def log_in(client, username="amina", password=PASSWORD):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def session_learner(client) -> Learner | None:
    public_id = client.session.get(SESSION_KEY)
    return Learner.objects.get(public_id=public_id) if public_id else None


def course_html(client) -> str:
    return client.get(COURSE_URL.format(language="en")).content.decode()


def test_signing_up_asks_for_a_username_and_password_only(client, course):
    page = client.get(SIGNUP_URL).content.decode()
    assert 'name="username"' in page and 'name="password1"' in page
    assert "email" not in page.lower() and "phone" not in page.lower()
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/en/learn/resume/"
    user = get_user_model().objects.get(username="amina")
    assert user.email == "" and not user.is_staff
    assert client.session["_auth_user_id"] == str(user.pk)
    assert session_learner(client).user == user  # made now, so that what they record is theirs


def test_a_refused_sign_up_names_the_problem(client, course):
    response = client.post(SIGNUP_URL, {"username": "amina", "password1": PASSWORD, "password2": "other"})
    assert response.status_code == 400
    assert "password fields didn" in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(
    ("language", "label", "mismatch"),
    [
        ("ur", "پاس ورڈ کی تصدیق", "دونوں پاس ورڈ ایک جیسے نہیں ہیں۔"),
        ("pnb", "پاس ورڈ دی تصدیق", "دوویں پاس ورڈ اکو جہے نئیں نیں۔"),
    ],
)
def test_the_account_forms_speak_urdu_and_punjabi(client, course, language, label, mismatch):
    url = SIGNUP_URL.replace("/en/", f"/{language}/")
    page = client.get(url).content.decode()
    assert label in page and "Password confirmation" not in page and "Required. 150 characters" not in page
    refused = client.post(url, {"username": "amina", "password1": PASSWORD, "password2": "other"})
    assert mismatch in refused.content.decode()


def test_signing_up_claims_the_browsers_learner(client, course):
    mark_done(client, CONTRACT_URL.format(language="en"))
    learner = session_learner(client)
    sign_up(client)
    learner.refresh_from_db()
    assert learner.user.username == "amina"
    assert session_learner(client) == learner
    assert "1 of 2 lessons done" in course_html(client)


def test_logging_in_merges_the_browsers_learner_into_the_accounts(client, course):
    # At the centre: an account, the contract lesson done and its quiz failed once.
    sign_up(client)
    mark_done(client, CONTRACT_URL.format(language="en"))
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_HALF)
    owned = session_learner(client)

    # At home, before logging in: the contract lesson again (its quiz passed), and the arrival lesson.
    home = Client()
    post_quiz(home, CONTRACT_URL.format(language="en"), CONTRACT_RIGHT)
    post_quiz(home, ARRIVAL_URL.format(language="en"), ARRIVAL_RIGHT)
    anonymous = session_learner(home)
    earlier = timezone.now() - timedelta(days=3)
    LessonProgress.objects.filter(learner=anonymous, lesson_key="atlantis-contract").update(completed_at=earlier)

    assert log_in(home).status_code == 302
    assert session_learner(home) == owned
    assert not Learner.objects.filter(pk=anonymous.pk).exists()
    progress = LessonProgress.objects.filter(learner=owned)
    assert sorted(progress.values_list("lesson_key", flat=True)) == ["atlantis-arrival", "atlantis-contract"]
    assert progress.get(lesson_key="atlantis-contract").completed_at == earlier  # the first time is kept
    assert QuizAttempt.objects.filter(learner=owned).count() == 3 and QuizAttempt.objects.count() == 3
    assert "2 of 2 lessons done" in course_html(home)


def test_logging_in_on_another_device_gives_back_the_learner(client, course):
    sign_up(client)
    mark_done(client, CONTRACT_URL.format(language="en"))
    learner = session_learner(client)

    phone = Client()
    assert log_in(phone).status_code == 302
    assert session_learner(phone) == learner
    assert "1 of 2 lessons done" in course_html(phone)
    assert Learner.objects.count() == 1


def test_logging_out_forgets_the_learner(client, course):
    sign_up(client)
    mark_done(client, CONTRACT_URL.format(language="en"))
    assert client.get(LOGOUT_URL).status_code == 405  # a link cannot log anyone out
    response = client.post(LOGOUT_URL)
    assert response.status_code == 302
    assert SESSION_KEY not in client.session and "_auth_user_id" not in client.session
    page = course_html(client)
    assert "0 of 2 lessons done" in page and "1 of 2 lessons done" not in page


def test_a_learner_of_another_account_is_not_claimed(client, course):
    sign_up(client, "amina")
    aminas = session_learner(client)
    client.post(LOGOUT_URL)
    sign_up(Client(), "bilal")
    # This browser works as Amina's learner without being logged in (as a resume code allows), then Bilal logs in.
    session = client.session
    session[SESSION_KEY] = str(aminas.public_id)
    session.save()
    log_in(client, "bilal")
    aminas.refresh_from_db()
    assert aminas.user.username == "amina"
    bilals = session_learner(client)
    assert bilals != aminas and bilals.user.username == "bilal"


def test_the_sixth_wrong_password_is_refused_even_when_right(client, course):
    sign_up(Client())
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    guesser.get(LOGIN_URL)
    for _ in range(5):
        assert log_in(guesser, password="wrong-password").status_code == 400
    response = log_in(guesser)
    assert response.status_code == 429 and "Too many tries" in response.content.decode()
    assert "_auth_user_id" not in guesser.session
    assert log_in(Client(REMOTE_ADDR="198.51.100.4")).status_code == 302  # others can still log in


def test_account_forms_need_the_csrf_token(course):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(LOGIN_URL, {"username": "amina", "password": PASSWORD}).status_code == 403
    assert browser.post(LOGOUT_URL).status_code == 403


def test_a_resume_code_used_while_logged_in_joins_the_account(client, course):
    from cms.learning.resume_codes import issue_code

    kiosk = Client()
    mark_done(kiosk, CONTRACT_URL.format(language="en"))
    kiosk_code = issue_code(session_learner(kiosk))
    sign_up(client)
    owned = session_learner(client)
    assert client.post("/en/learn/resume/", {"code": kiosk_code}).status_code == 302
    assert session_learner(client) == owned
    assert LessonProgress.objects.get().learner == owned  # merged, not switched

    other = Client()
    sign_up(other, "bilal")
    bilals_code = issue_code(session_learner(other))
    response = client.post("/en/learn/resume/", {"code": bilals_code})
    assert response.status_code == 400 and "This code belongs to another account." in response.content.decode()
    assert session_learner(client) == owned
