"""Hardening: security headers and CSP, throttled logins, rate-limited forms, request size limits."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory

from cms.core.security_headers import HEADER, policy_header
from cms.learning import throttle
from cms.learning.models import LessonPage
from tests.learning_helpers import CONTRACT_URL, COURSE_URL, fresh_form

ROOT = Path(__file__).resolve().parents[1]
# Templates of the public site; the admin's (cms/*/templates: reports, plugins, packs) have a looser policy.
PUBLIC_TEMPLATES = [ROOT / "themes", ROOT / "plugins"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=\"|javascript:", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in response[HEADER].split("; ")}


@pytest.mark.django_db
def test_public_pages_carry_a_strict_policy_and_the_other_security_headers(course):
    response = Client().get(CONTRACT_URL.format(language="ur"))
    policy = directives(response)
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]  # nothing inline
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_admin_gets_its_own_looser_policy(client):
    policy = directives(client.get("/admin/login/"))
    assert "'unsafe-inline'" in policy["script-src"] and policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_a_policy_is_written_as_the_header_wants_it():
    assert policy_header({"default-src": ["'self'"], "img-src": ["'self'", "data:"]}) == (
        "default-src 'self'; img-src 'self' data:"
    )


@pytest.mark.parametrize("folder", PUBLIC_TEMPLATES, ids=lambda folder: str(folder.relative_to(ROOT)))
def test_public_templates_have_no_inline_script_or_style(folder):
    """The CSP would block them: scripts and styles belong in static files."""
    offending = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in folder.rglob("*.html")
        for match in [*INLINE_SCRIPT.finditer(path.read_text()), *INLINE_STYLE.finditer(path.read_text())]
    ]
    assert offending == []


@pytest.mark.django_db
def test_rendered_pages_have_no_inline_script(course):
    for url in (CONTRACT_URL.format(language="en"), COURSE_URL.format(language="ur"), "/en/learn/resume/"):
        html = Client().get(url).content.decode()
        assert INLINE_SCRIPT.findall(html) == [], url


@pytest.mark.django_db
def test_admin_logins_are_throttled_like_learners(client):
    get_user_model().objects.create_superuser("editor", password="the right password")
    wrong = {"username": "editor", "password": "a wrong password"}
    client.get("/admin/login/")  # the browser gets its CSRF cookie with the form, as any browser does
    for _ in range(throttle.SCOPES["login"].client):
        assert client.post("/admin/login/", wrong).status_code == 200  # the form again, with an error
    locked = client.post("/admin/login/", {"username": "editor", "password": "the right password"})
    assert locked.status_code == 429 and locked["Retry-After"] == "900"
    assert client.get("/admin/login/").status_code == 200  # the page itself still shows
    assert Client().post("/admin/login/", {"username": "editor", "password": "the right password"}).status_code == 302


@pytest.mark.django_db
def test_lesson_form_posts_are_rate_limited(course, monkeypatch):
    monkeypatch.setitem(throttle.SCOPES, "quiz", throttle.Limits(client=3, address=100, site=None))
    client = Client()
    url = CONTRACT_URL.format(language="en")
    form = fresh_form(client, url, "done")
    answers = [client.post(url, {**form, "action": "quiz"}).status_code for _ in range(4)]
    assert answers == [400, 400, 400, 429]  # refused forms count too: each one was a post


@pytest.mark.django_db
def test_the_quiz_answer_endpoint_is_rate_limited_and_the_limits_scale(course, monkeypatch, settings):
    monkeypatch.setitem(throttle.SCOPES, "quiz", throttle.Limits(client=2, address=100, site=None))
    client = Client()
    form = fresh_form(client, CONTRACT_URL.format(language="en"), "done")
    url = f"/en/learn/lessons/{LessonPage.objects.get(locale__language_code='en').pk}/answer/"
    assert [client.post(url, {**form, "action": "quiz"}).status_code for _ in range(3)] == [400, 400, 429]
    settings.RAHNUMA_RATE_LIMIT_SCALE = 2  # the benchmark's lever: every limit twice as high
    assert [client.post(url, {**form, "action": "quiz"}).status_code for _ in range(3)] == [400, 400, 429]


@pytest.mark.django_db
def test_sign_ups_are_rate_limited(monkeypatch):
    monkeypatch.setitem(throttle.SCOPES, "signup", throttle.Limits(client=2, address=2, site=100))
    client = Client()
    statuses = [
        client.post("/en/learn/account/signup/", {"username": f"learner{n}", "password1": "x", "password2": "y"})
        for n in range(3)
    ]
    assert [response.status_code for response in statuses] == [400, 400, 429]
    assert client.get("/en/learn/account/signup/").status_code == 200


@pytest.mark.django_db
def test_rate_limited_views_count_cookieless_visitors_by_address(monkeypatch):
    """How search (another module) uses the decorator: GETs with no cookies share their address's client bucket."""
    monkeypatch.setitem(throttle.SCOPES, "search", throttle.Limits(client=2, address=10, site=None))

    @throttle.rate_limited("search", methods=("GET",))
    def search(request):
        from django.http import HttpResponse

        return HttpResponse("results")

    factory = RequestFactory()

    def request_from(address):
        request = factory.get("/en/search/?q=visa", REMOTE_ADDR=address)
        request.session = SessionStore()  # a browser with no session yet
        return request

    assert [search(request_from("10.0.0.1")).status_code for _ in range(3)] == [200, 200, 429]
    assert search(request_from("10.0.0.2")).status_code == 200  # another address is not held back


@pytest.mark.django_db
def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.RAHNUMA_MAX_REQUEST_BYTES = 1000
    response = client.post("/en/learn/resume/", {"code": "x" * 2000})
    assert response.status_code == 413
    assert client.post("/en/learn/resume/", {"code": "ABCD-EFGH-JKMN"}).status_code != 413
