"""Shared screens, server side: "Finish and clear" (cms.learning.kiosk_views) ends the learner's turn, the
header offers it only when there is a learner, and only kiosk hosts (cms.learning.kiosk) get the idle script.
The script itself runs in a real browser in test_kiosk_browser.py."""

import pytest
from django.test import Client

from cms.learning.learners import SESSION_KEY
from cms.learning.models import Learner, LessonProgress
from tests.learning_helpers import CONTRACT_URL, COURSE_URL, mark_done

pytestmark = pytest.mark.django_db

FINISH_URL = "/{language}/learn/finish/"
FINISH_FORM = '<form class="finish-form" id="finish-form" method="post" action="/{language}/learn/finish/">'
KIOSK_SCRIPT = "/static/web/js/kiosk.js"


def page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_finish_forgets_the_learner_and_says_so_on_the_home_page(client, course):
    mark_done(client, CONTRACT_URL.format(language="en"))
    assert '<progress id="course-progress-bar" max="1" value="1">' in page(client, COURSE_URL.format(language="en"))

    response = client.post(FINISH_URL.format(language="en"))
    assert response.status_code == 302 and response["Location"] == "/en/"
    home = page(client, "/en/")
    assert "Your session has ended. The next person starts afresh." in home
    assert FINISH_FORM.format(language="en") not in home

    course_page = page(client, COURSE_URL.format(language="en"))
    assert '<progress id="course-progress-bar" max="1" value="0">' in course_page
    assert 'class="card card-done"' not in course_page
    assert SESSION_KEY not in client.session
    # The learner's records stay, to be found again by a resume code or an account.
    assert LessonProgress.objects.filter(learner=Learner.objects.get()).exists()


def test_finish_in_urdu_returns_to_the_urdu_home_page_with_an_urdu_notice(client, course):
    mark_done(client, CONTRACT_URL.format(language="ur"))
    assert "ختم کریں اور صاف کریں" in page(client, COURSE_URL.format(language="ur"))

    response = client.post(FINISH_URL.format(language="ur"))
    assert response.status_code == 302 and response["Location"] == "/ur/"
    assert "آپ کا سیشن ختم ہو گیا ہے۔" in page(client, "/ur/")


def test_finish_refuses_get_and_keeps_the_learner(client, course):
    mark_done(client, CONTRACT_URL.format(language="en"))
    learner_id = client.session[SESSION_KEY]

    assert client.get(FINISH_URL.format(language="en")).status_code == 405
    assert client.session[SESSION_KEY] == learner_id


def test_finish_retires_forms_left_open_by_rotating_the_csrf_secret(course):
    browser = Client(enforce_csrf_checks=True)
    lesson_url = CONTRACT_URL.format(language="en")
    page(browser, lesson_url)
    old_token = browser.cookies["csrftoken"].value
    assert browser.post(FINISH_URL.format(language="en"), {"csrfmiddlewaretoken": old_token}).status_code == 302
    assert browser.cookies["csrftoken"].value != old_token


def test_the_finish_button_shows_only_when_the_session_has_a_learner(client, course):
    course_url = COURSE_URL.format(language="en")
    assert FINISH_FORM.format(language="en") not in page(client, course_url)

    mark_done(client, CONTRACT_URL.format(language="en"))
    with_learner = page(client, course_url)
    assert FINISH_FORM.format(language="en") in with_learner
    assert ">Finish and clear</button>" in with_learner


def test_the_kiosk_script_and_prompt_come_only_on_kiosk_hosts(client, course):
    course_url = COURSE_URL.format(language="en")
    phone = page(client, course_url, HTTP_HOST="localhost")
    assert KIOSK_SCRIPT not in phone and "data-kiosk-idle-seconds" not in phone and "kiosk-prompt" not in phone

    kiosk = page(client, course_url, HTTP_HOST="kiosk.localhost:8000")
    assert f'<script src="{KIOSK_SCRIPT}" defer></script>' in kiosk
    assert 'data-kiosk-idle-seconds="180" data-kiosk-prompt-seconds="30"' in kiosk
    assert '<dialog class="kiosk-prompt" id="kiosk-prompt"' in kiosk
    assert "Still there?" in kiosk and "<span data-kiosk-countdown>30</span>" in kiosk


def test_kiosk_hosts_and_timings_come_from_the_settings(client, course, settings):
    settings.RAHNUMA_KIOSK_HOSTS = ["Screen-2.localhost"]
    settings.RAHNUMA_KIOSK_IDLE_SECONDS = 60
    settings.RAHNUMA_KIOSK_PROMPT_SECONDS = 10
    course_url = COURSE_URL.format(language="ur")

    assert KIOSK_SCRIPT not in page(client, course_url, HTTP_HOST="kiosk.localhost")
    kiosk = page(client, course_url, HTTP_HOST="screen-2.localhost")
    assert 'data-kiosk-idle-seconds="60" data-kiosk-prompt-seconds="10"' in kiosk
    assert "کیا آپ ابھی یہاں ہیں؟" in kiosk  # the prompt's text is rendered, translated, by the page
