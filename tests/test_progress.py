"""Progress: kept by pack keys across languages and pack upgrades, lessons marked done, course completion,
the course page's progress bar, anonymous learners made lazily and kept across session changes, privacy."""

import logging
import shutil
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.utils import timezone

from cms.learning import learners
from cms.learning.learners import SESSION_KEY, current_learner, forget_learner
from cms.learning.models import CourseCompletion, Learner, LessonPage, LessonProgress, QuizAttempt
from cms.learning.progress import QuizStanding, quiz_standing
from cms.packs.importer import install_pack
from tests.learning_helpers import (
    ARRIVAL_URL,
    CONTRACT_HALF,
    CONTRACT_RIGHT,
    CONTRACT_URL,
    COURSE_URL,
    add_arrival_lesson,
    fresh_form,
    mark_done,
    post_quiz,
)
from tests.test_pack_upgrade import replace_in, set_version

pytestmark = pytest.mark.django_db

ARRIVAL_RIGHT = {"keep": ["passport", "contract", "salary-card"], "register": "true"}


@pytest.fixture
def course(site, three_language_pack):
    install_pack(add_arrival_lesson(three_language_pack), site)
    return site


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_reading_makes_no_learner_and_the_first_record_makes_one(client, course):
    for url in (COURSE_URL, CONTRACT_URL, ARRIVAL_URL):
        html(client, url.format(language="en"))
    assert not Learner.objects.exists()
    assert "sessionid" not in client.cookies

    mark_done(client, CONTRACT_URL.format(language="en"))
    post_quiz(client, ARRIVAL_URL.format(language="en"), ARRIVAL_RIGHT)
    learner = Learner.objects.get()
    assert client.session[SESSION_KEY] == str(learner.public_id)
    assert set(LessonProgress.objects.values_list("learner", "lesson_key")) == {
        (learner.pk, "atlantis-contract"),
        (learner.pk, "atlantis-arrival"),
    }


def test_marking_a_lesson_done_shows_on_the_lesson_and_the_course(client, course):
    lesson_url = CONTRACT_URL.format(language="en")
    form = fresh_form(client, lesson_url, "done")
    response = client.post(lesson_url, form)
    assert response.status_code == 302 and response["Location"] == f"{lesson_url}#lesson-done"
    assert client.post(lesson_url, form).status_code == 302  # a double tap: still one record
    assert LessonProgress.objects.count() == 1

    lesson_html = html(client, lesson_url)
    assert "You have finished this lesson." in lesson_html and "I have finished this lesson" not in lesson_html
    course_html = html(client, COURSE_URL.format(language="en"))
    assert '<progress id="course-progress-bar" max="2" value="1">' in course_html
    assert "1 of 2 lessons done" in course_html
    assert "Continue where you left off: Your first week" in course_html
    assert f'href="{ARRIVAL_URL.format(language="en")}">Continue' in course_html
    assert course_html.count('class="card card-done"') == 1
    assert "Quiz not passed yet" in course_html  # done, but its quiz is still to pass


def test_a_new_learner_sees_the_start_of_the_course(client, course):
    course_html = html(client, COURSE_URL.format(language="en"))
    assert '<progress id="course-progress-bar" max="2" value="0">' in course_html
    assert "Start the course: Your contract" in course_html


def test_progress_made_in_english_shows_in_urdu_and_punjabi(client, course):
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_RIGHT)

    course_html = html(client, COURSE_URL.format(language="ur"))
    assert '<html lang="ur" dir="rtl">' in course_html
    assert '<progress id="course-progress-bar" max="2" value="1">' in course_html
    assert course_html.count('class="card card-done"') == 1
    assert f'href="{ARRIVAL_URL.format(language="ur")}">' in course_html
    assert "2 میں سے 1 سبق مکمل" in course_html
    assert "آپ یہ سبق مکمل کر چکے ہیں۔" in html(client, CONTRACT_URL.format(language="ur"))
    assert "تسیں ایہہ سبق پورا کر چکے او۔" in html(client, CONTRACT_URL.format(language="pnb"))
    assert LessonProgress.objects.get().language == "en"


def test_an_urdu_quiz_attempt_is_recorded_in_urdu_and_counts_in_english(client, course):
    post_quiz(client, CONTRACT_URL.format(language="ur"), CONTRACT_RIGHT)
    assert QuizAttempt.objects.get().language == "ur"
    assert "1 of 2 lessons done" in html(client, COURSE_URL.format(language="en"))


def test_progress_survives_a_pack_upgrade(client, site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_RIGHT)
    pages_before = set(LessonPage.objects.values_list("pk", flat=True))
    upgrade = tmp_path / "v2"
    shutil.copytree(pack_copy, upgrade)
    set_version(upgrade, "1.1.0")
    replace_in(
        upgrade / "lessons" / "contract.md",
        "your hours and your rest day.",
        "your hours, your rest day and your leave.",
    )

    result = install_pack(upgrade, site)

    assert (
        result.plan.action == "upgrade"
        and {u.key: u.change for u in result.plan.units}["atlantis-contract"] == "changed"
    )
    assert set(LessonPage.objects.values_list("pk", flat=True)) == pages_before
    lesson_html = html(client, CONTRACT_URL.format(language="en"))
    assert "your rest day and your leave" in lesson_html
    assert "You have finished this lesson." in lesson_html
    assert "Your best score so far: 100%" in lesson_html
    course_html = html(client, COURSE_URL.format(language="ur"))
    assert '<progress id="course-progress-bar" max="1" value="1">' in course_html
    assert CourseCompletion.objects.count() == 1  # the one-lesson course was completed before the upgrade


def test_a_course_is_complete_when_every_lesson_is_done_and_every_quiz_passed(client, course):
    mark_done(client, CONTRACT_URL.format(language="en"))
    post_quiz(client, ARRIVAL_URL.format(language="en"), ARRIVAL_RIGHT)
    assert not CourseCompletion.objects.exists()  # the first lesson's quiz is not passed yet
    assert "Continue where you left off: Your contract" in html(client, COURSE_URL.format(language="en"))

    post_quiz(client, CONTRACT_URL.format(language="ur"), CONTRACT_HALF)
    assert not CourseCompletion.objects.exists()
    post_quiz(client, CONTRACT_URL.format(language="ur"), CONTRACT_RIGHT)
    completion = CourseCompletion.objects.get()
    assert (completion.pack_id, completion.course_key, completion.language) == (
        "example.atlantis",
        "atlantis-course",
        "ur",
    )
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_RIGHT)  # passing again adds nothing
    assert CourseCompletion.objects.count() == 1
    course_html = html(client, COURSE_URL.format(language="en"))
    assert "You have completed this course." in course_html and "Continue where you left off" not in course_html


def test_signing_in_cycles_the_session_and_keeps_the_learner(client, course):
    mark_done(client, CONTRACT_URL.format(language="en"))
    old_session = client.cookies["sessionid"].value
    client.force_login(get_user_model().objects.create_user("learner-account"))
    assert client.cookies["sessionid"].value != old_session
    assert "You have finished this lesson." in html(client, CONTRACT_URL.format(language="en"))
    assert Learner.objects.count() == 1


def session_request(session_key=None):
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key)
    return request


def test_current_learner_makes_one_only_when_asked_and_finds_it_again(db):
    request = session_request()
    assert current_learner(request) is None and not Learner.objects.exists()
    learner = current_learner(request, create=True)
    assert current_learner(request, create=True) == learner and Learner.objects.count() == 1
    request.session.save()
    assert current_learner(session_request(request.session.session_key)) == learner
    learner.delete()
    gone = session_request(request.session.session_key)
    assert current_learner(gone) is None and SESSION_KEY not in gone.session


def test_forgetting_the_learner_empties_the_session_and_retires_its_open_forms(course):
    url = CONTRACT_URL.format(language="en")
    kiosk = Client()
    first_form = fresh_form(kiosk, url)  # made before the browser had a learner
    post_quiz(kiosk, url, CONTRACT_HALF, first_form)
    open_form = fresh_form(kiosk, ARRIVAL_URL.format(language="en"))  # made for the learner, not sent yet
    request = session_request()
    request.session[SESSION_KEY] = str(Learner.objects.get().public_id)
    request.META["CSRF_COOKIE"] = kiosk.cookies["csrftoken"].value
    forget_learner(request)
    assert SESSION_KEY not in request.session and request.META["CSRF_COOKIE"] != kiosk.cookies["csrftoken"].value

    # What the browser holds afterwards: no session, the new CSRF secret. Its old form is refused.
    del kiosk.cookies["sessionid"]
    kiosk.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    assert post_quiz(kiosk, url, CONTRACT_RIGHT, first_form).status_code == 400
    assert post_quiz(kiosk, ARRIVAL_URL.format(language="en"), ARRIVAL_RIGHT, open_form).status_code == 400
    assert "Your best score so far" not in html(kiosk, url)
    assert QuizAttempt.objects.count() == 1 and Learner.objects.count() == 1


def test_a_double_tapped_first_answer_makes_one_learner_but_a_late_replay_is_refused(course):
    url = CONTRACT_URL.format(language="en")
    browser = Client()
    form = fresh_form(browser, url)
    first = post_quiz(browser, url, CONTRACT_RIGHT, form)
    # The second tap left before the first one's session cookie arrived.
    second_tap = Client()
    second_tap.cookies["csrftoken"] = browser.cookies["csrftoken"].value
    again = post_quiz(second_tap, url, CONTRACT_RIGHT, form)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Learner.objects.count() == 1 and QuizAttempt.objects.count() == 1

    # Posted again later without the learner's session (the next person at a kiosk whose session ended
    # without forget_learner): the learner it made is not handed over.
    Learner.objects.update(created_at=timezone.now() - learners.DOUBLE_POST_WINDOW - timedelta(seconds=1))
    late = Client()
    late.cookies["csrftoken"] = browser.cookies["csrftoken"].value
    assert post_quiz(late, url, CONTRACT_RIGHT, form).status_code == 400
    assert "sessionid" not in late.cookies


def test_learners_hold_nothing_personal_and_nothing_personal_is_logged(client, course, caplog):
    fields = {field.name for field in Learner._meta.concrete_fields}
    assert fields == {"id", "public_id", "user", "created_at", "last_seen_at"}
    caplog.set_level(logging.DEBUG)
    url = CONTRACT_URL.format(language="en")
    post_quiz(client, url, CONTRACT_RIGHT)
    client.post(url, {"action": "quiz"}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="KioskBrowser/1.0")
    learner = Learner.objects.get()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Bad Request: /en/courses/atlantis-course/atlantis-contract/" in logged  # logging was captured
    for personal in (str(learner.public_id), "203.0.113.9", "KioskBrowser", '"q1"', QuizAttempt.objects.get().token):
        assert personal not in logged


@pytest.mark.django_db
def test_a_learners_activity_is_noted_to_the_hour(django_assert_num_queries):
    learner = Learner.objects.create(last_seen_at=timezone.now() - learners.ACTIVITY_RESOLUTION - timedelta(minutes=1))
    learners.note_activity(learner)
    noted = Learner.objects.get(pk=learner.pk).last_seen_at
    assert timezone.now() - noted < timedelta(minutes=1)
    with django_assert_num_queries(0):  # answering again within the hour writes nothing more
        learners.note_activity(learner)
    assert Learner.objects.get(pk=learner.pk).last_seen_at == noted


def check_quiz_standing():
    """A learner's best score at one quiz, and whether any attempt passed, whatever came after."""
    learner, other_learner = Learner.objects.create(), Learner.objects.create()

    def attempt(who, quiz_key, score, passed):
        QuizAttempt.objects.create(
            learner=who,
            pack_id="pack",
            quiz_key=quiz_key,
            lesson_key="lesson",
            language="en",
            answers={},
            score_percent=score,
            passed=passed,
            token=f"{QuizAttempt.objects.count()}",
        )

    assert quiz_standing(learner, "pack", "quiz") == QuizStanding(None, False)
    assert quiz_standing(None, "pack", "quiz") == QuizStanding(None, False)
    attempt(other_learner, "quiz", 100, True)
    attempt(learner, "another-quiz", 100, True)
    attempt(learner, "quiz", 40, False)
    attempt(learner, "quiz", 30, False)
    assert quiz_standing(learner, "pack", "quiz") == QuizStanding(40, False)
    attempt(learner, "quiz", 80, True)
    attempt(learner, "quiz", 50, False)
    assert quiz_standing(learner, "pack", "quiz") == QuizStanding(80, True)


def test_a_learners_standing_counts_only_their_attempts_at_that_quiz():
    check_quiz_standing()
