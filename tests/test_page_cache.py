"""The page cache (cms.core.page_cache): anonymous visitors share pages; nobody sees another's progress or token."""

import pickle
import re

import pytest
from django.core.cache import caches
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from cms.contacts.models import Contact
from cms.core.page_cache import CACHE_ALIAS, STATUS_HEADER, _fill, _placeholder
from cms.learning.models import CoursePage, LessonPage
from cms.packs.importer import install_pack
from tests.learning_helpers import ARRIVAL_URL, CONTRACT_URL, COURSE_URL, add_arrival_lesson, hidden_fields, mark_done

COURSE = COURSE_URL.format(language="en")
LESSON = CONTRACT_URL.format(language="en")
NO_PROGRESS = "0 of 1 lesson done"
ONE_DONE = "1 of 1 lesson done"


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def cached_entries() -> list[tuple[bytes, str, bool]]:
    """Every stored entry (content, content type, has placeholders), read from the local-memory cache's store."""
    return [pickle.loads(value) for value in caches[CACHE_ALIAS]._cache.values()]


def csrf_value(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_the_stored_page_the_second_time(course):
    first = get(Client(), COURSE)
    second = get(Client(), COURSE)
    assert (first[STATUS_HEADER], second[STATUS_HEADER]) == ("miss", "hit")
    assert second.content == first.content and NO_PROGRESS in second.content.decode()
    assert "Cookie" in second["Vary"] and "sessionid" not in second.cookies


def lessons_done(html: str) -> list[str]:
    """The lesson slugs the course page shows as done."""
    return re.findall(r'<li class="card card-done"><a href="/en/courses/atlantis-course/([a-z-]+)/">', html)


@pytest.mark.django_db
def test_one_learner_never_sees_another_learners_progress(site, pack_copy):
    install_pack(add_arrival_lesson(pack_copy), site)
    anonymous, learner, other_learner = Client(), Client(), Client()
    assert lessons_done(get(anonymous, COURSE).content.decode()) == []  # stored for anonymous visitors
    assert mark_done(learner, LESSON).status_code == 302  # each learner now has a session with progress
    assert mark_done(other_learner, ARRIVAL_URL.format(language="en")).status_code == 302

    for client, done in ((learner, ["atlantis-contract"]), (other_learner, ["atlantis-arrival"])):
        page = get(client, COURSE)
        assert STATUS_HEADER not in page and lessons_done(page.content.decode()) == done
        assert "1 of 2 lessons done" in page.content.decode() and "Finish and clear" in page.content.decode()
    # The anonymous visitor still gets the anonymous page from the cache: no learner's page was stored.
    again = get(Client(), COURSE)
    assert again[STATUS_HEADER] == "hit" and "0 of 2 lessons done" in again.content.decode()
    assert lessons_done(again.content.decode()) == [] and "Finish and clear" not in again.content.decode()
    entries = [content for content, _, _ in cached_entries()]
    assert b"0 of 2 lessons done" in b"".join(entries)
    assert not any(b"1 of 2 lessons done" in content or b"card card-done" in content for content in entries)


@pytest.mark.django_db
def test_a_cached_lesson_holds_no_token_and_each_visitor_gets_their_own(course):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = get(first, LESSON).content.decode()
    page_two = get(second, LESSON)
    assert page_two[STATUS_HEADER] == "hit"
    page_two = page_two.content.decode()

    (stored, _, has_placeholders), *_ = cached_entries()
    assert has_placeholders and b"@@rahnuma-per-visitor:" in stored and b"csrfmiddlewaretoken" in stored
    assert (
        csrf_value(page_one).encode() not in stored and hidden_fields(page_one, "done")["token"].encode() not in stored
    )
    assert csrf_value(page_one) != csrf_value(page_two)
    assert hidden_fields(page_one, "done")["token"] != hidden_fields(page_two, "done")["token"]
    assert "@@rahnuma-per-visitor" not in page_one + page_two

    # Each browser's form, from the shared page, works for that browser (CSRF checked) and for nobody else.
    assert second.post(LESSON, hidden_fields(page_one, "done")).status_code == 403  # the other's CSRF token
    assert first.post(LESSON, hidden_fields(page_one, "done")).status_code == 302
    assert second.post(LESSON, hidden_fields(page_two, "done")).status_code == 302


@pytest.mark.django_db
def test_publishing_unpublishing_and_editing_contacts_empty_the_cache(course):
    get(Client(), COURSE)
    assert get(Client(), COURSE)[STATUS_HEADER] == "hit"

    page = CoursePage.objects.get(locale__language_code="en")
    page.title = "A new course title"
    page.save_revision().publish()
    fresh = get(Client(), COURSE)
    assert fresh[STATUS_HEADER] == "miss" and "A new course title" in fresh.content.decode()

    LessonPage.objects.get(locale__language_code="en").unpublish()
    assert "Your contract" not in get(Client(), COURSE).content.decode()

    get(Client(), "/en/contacts/")
    contact = Contact.objects.filter(locale__language_code="en").first()
    contact.organisation = "A renamed help desk"
    contact.save()
    assert "A renamed help desk" in get(Client(), "/en/contacts/").content.decode()


@pytest.mark.django_db
def test_each_host_language_and_theme_has_its_own_entry(course, settings):
    settings.ALLOWED_HOSTS = ["localhost", "kiosk.localhost", "testserver"]
    settings.RAHNUMA_KIOSK_HOSTS = ["kiosk.localhost"]
    web = get(Client(), COURSE, HTTP_HOST="localhost")
    kiosk = get(Client(), COURSE, HTTP_HOST="kiosk.localhost")
    urdu = get(Client(), COURSE_URL.format(language="ur"), HTTP_HOST="localhost")
    assert [response[STATUS_HEADER] for response in (web, kiosk, urdu)] == ["miss", "miss", "miss"]
    assert "data-kiosk-idle-seconds" in get(Client(), COURSE, HTTP_HOST="kiosk.localhost").content.decode()
    assert "data-kiosk-idle-seconds" not in get(Client(), COURSE, HTTP_HOST="localhost").content.decode()
    assert 'lang="ur"' in get(Client(), COURSE_URL.format(language="ur"), HTTP_HOST="localhost").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "cookies"),
    [
        (COURSE + "?utm_source=leaflet", {}),
        (COURSE, {"sessionid": "a-session"}),
        (COURSE, {"messages": "a-notice"}),
        ("/en/learn/resume/", {}),
    ],
    ids=["query string", "session cookie", "messages cookie", "not a Wagtail page"],
)
def test_requests_that_may_be_personal_are_neither_served_nor_stored(course, url, cookies):
    for _ in range(2):
        client = Client()
        client.cookies.load(cookies)
        assert STATUS_HEADER not in client.get(url)
    assert not cached_entries()


@pytest.mark.django_db
def test_a_page_with_a_view_restriction_is_never_stored(course):
    page = Page.objects.get(url_path__endswith="/atlantis-course/", locale__language_code="en")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    for _ in range(2):
        response = Client().get(COURSE)
        assert STATUS_HEADER not in response and NO_PROGRESS not in response.content.decode()
    assert not cached_entries()


@pytest.mark.django_db
def test_restricting_a_cached_page_takes_it_out_of_the_cache(course):
    get(Client(), COURSE)
    assert get(Client(), COURSE)[STATUS_HEADER] == "hit"
    page = Page.objects.get(url_path__endswith="/atlantis-course/", locale__language_code="en")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    response = Client().get(COURSE)
    assert STATUS_HEADER not in response and NO_PROGRESS not in response.content.decode()


@pytest.mark.django_db
def test_the_cache_can_be_turned_off(course, settings):
    settings.RAHNUMA_PAGE_CACHE = False
    get(Client(), COURSE)
    assert STATUS_HEADER not in get(Client(), COURSE) and not cached_entries()


def test_text_that_only_looks_like_a_placeholder_is_left_alone(rf, settings):
    genuine = _placeholder("cms.core.page_cache.csrf_token", [])
    forged = genuine.replace(genuine.split(":")[1], "0" * 32)
    not_per_visitor = _placeholder("os.getcwd", [])
    request = rf.get("/")
    filled = _fill(request, f"{genuine}|{forged}|{not_per_visitor}".encode()).decode()
    token, forged_left, other_left = filled.split("|")
    assert token and "@@" not in token
    assert (forged_left, other_left) == (forged, not_per_visitor)


@pytest.mark.redis
@pytest.mark.django_db
def test_learners_stay_apart_with_the_page_cache_on_redis(course):
    from cms.settings.backends import REDIS

    assert caches[CACHE_ALIAS].__class__.__module__ + ".RedisCache" == REDIS
    anonymous, learner = Client(), Client()
    get(anonymous, COURSE)
    assert mark_done(learner, LESSON).status_code == 302
    assert ONE_DONE in get(learner, COURSE).content.decode()
    again = get(Client(), COURSE)
    assert again[STATUS_HEADER] == "hit" and NO_PROGRESS in again.content.decode()
    page = CoursePage.objects.get(locale__language_code="en")
    page.title = "Retitled on Redis"
    page.save_revision().publish()
    assert "Retitled on Redis" in get(Client(), COURSE).content.decode()
