"""The quiz's answer endpoint for quiz.js (/<language>/learn/lessons/<id>/answer/): the lesson page's
quiz post, found by id, answered in JSON; and only for a lesson this site serves in that language
to this visitor."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from cms.core.site_structure import set_up_site
from cms.learning.models import CoursePage, LessonPage, QuizAttempt
from cms.packs.importer import install_pack
from tests.learning_helpers import CONTRACT_HALF, CONTRACT_URL, answer_fields, fresh_form


def lesson(language="en"):
    return LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code=language)


def answer_url(language, lesson_id):
    return f"/{language}/learn/lessons/{lesson_id}/answer/"


def answer(client, language="en", lesson_id=None, form=None):
    form = form or fresh_form(client, CONTRACT_URL.format(language=language))
    url = answer_url(language, lesson_id or lesson(language).pk)
    return client.post(url, {**form, **answer_fields(CONTRACT_HALF)})


@pytest.mark.django_db
def test_the_page_names_the_endpoint_and_the_endpoint_answers_json(course):
    client = Client(enforce_csrf_checks=True)
    page = client.get(CONTRACT_URL.format(language="ur")).content.decode()
    assert f'data-answer-url="{answer_url("ur", lesson("ur").pk)}"' in page

    response = answer(client, "ur")
    assert response.status_code == 200 and response.json()["score_percent"] == 50
    attempt = QuizAttempt.objects.get()
    assert (attempt.token, attempt.language) == (response.json()["attempt"], "ur")


@pytest.mark.django_db
def test_a_lesson_in_another_language_than_the_url_is_not_found(course, client):
    assert answer(client, "en", lesson_id=lesson("ur").pk).status_code == 404
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_a_lesson_of_another_site_is_not_found(course, pack_copy):
    other = set_up_site("other.localhost", 80)
    manifest = pack_copy / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("id: example.atlantis", "id: example.elsewhere"))
    install_pack(pack_copy, other)
    elsewhere = LessonPage.objects.get(pack_id="example.elsewhere", locale__language_code="en")
    assert answer(Client(), "en", lesson_id=elsewhere.pk).status_code == 404
    assert answer(Client(HTTP_HOST="other.localhost"), "en", lesson_id=elsewhere.pk).status_code == 200


@pytest.mark.django_db
def test_an_unpublished_or_restricted_lesson_is_not_found(course, client):
    form = fresh_form(client, CONTRACT_URL.format(language="en"))
    restriction = PageViewRestriction.objects.create(
        page=CoursePage.objects.get(locale__language_code="en"), restriction_type="password", password="s3cret"
    )
    assert answer(client, form=form).status_code == 404  # restricted on the course, above the lesson
    restriction.delete()
    lesson().unpublish()
    assert answer(client, form=form).status_code == 404
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_only_the_quiz_form_is_taken_and_only_by_post(course, client):
    form = {**fresh_form(client, CONTRACT_URL.format(language="en")), **answer_fields(CONTRACT_HALF)}
    url = answer_url("en", lesson().pk)
    assert client.get(url).status_code == 405
    response = client.post(url, {**form, "action": "done"})
    assert response.status_code == 400 and response.json() == {"error": "form refused"}
    assert client.post(url, {**form, "answer-q1": "z"}).status_code == 400
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_a_lesson_already_answered_follows_a_restriction_or_unpublishing(course):
    """What the endpoint keeps of a lesson between answers (cms.learning.quiz_lessons) lasts until content changes."""
    client = Client()
    forms = [fresh_form(client, CONTRACT_URL.format(language="en")) for _ in range(4)]
    assert answer(client, form=forms[0]).status_code == 200
    restriction = PageViewRestriction.objects.create(page=lesson(), restriction_type="password", password="s3cret")
    assert answer(client, form=forms[1]).status_code == 404
    restriction.delete()
    assert answer(client, form=forms[2]).status_code == 200
    lesson().unpublish()
    assert answer(client, form=forms[3]).status_code == 404
    assert QuizAttempt.objects.count() == 2
