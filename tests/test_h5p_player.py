"""H5P activities in a course pack's lesson: import, the separate content origin, signed links, results.

The example pack gets a true/false activity in its one lesson (which also has a quiz); the browser
side (the sandboxed iframe really playing) is in test_h5p_browser.py.
"""

import json
import re

import pytest
from django.test import Client

from cms.h5p.models import Attempt, Content, LessonActivity, Library, SavedState, Statement
from cms.h5p.tokens import player_token
from cms.learning.models import LessonPage
from cms.learning.progress import course_progress
from course_packs import PackInvalid, read_pack
from tests.h5p_helpers import h5p_root as h5p_root
from tests.h5p_helpers import true_false_files, write_zip
from tests.learning_helpers import CONTRACT_URL

pytestmark = pytest.mark.django_db
H5P_HOST = "h5p.localhost:8000"
ACTIVITY_FRONT_MATTER = "h5p:\n  file: h5p/passport.h5p\n  required: true\n  pass_mark: 100\n"


def add_activity(pack, front_matter=ACTIVITY_FRONT_MATTER, *, quiz=True):
    (pack / "h5p").mkdir()
    write_zip(pack / "h5p" / "passport.h5p", true_false_files())
    lesson = pack / "lessons" / "contract.md"
    text = lesson.read_text()
    if not quiz:
        text = re.sub(r"quiz: .*\n", "", text)
    lesson.write_text(text.replace("\n---\n", "\n" + front_matter + "---\n", 1))
    return pack


@pytest.fixture
def h5p_course(site, pack_copy, h5p_root):
    from cms.packs.importer import install_pack

    install_pack(add_activity(pack_copy), site)
    return LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en")


def launch(client, lesson):
    response = client.get(f"/h5p/lessons/{lesson.pk}/launch/")
    assert response.status_code == 200
    return response.json()


def token_of(launched):
    return re.fullmatch(r"http://h5p\.localhost:8000/h5p/embed/([^/]+)/", launched["src"])[1]


def h5p_get(path, **headers):
    return Client().get(path, HTTP_HOST=H5P_HOST, **headers)


def answer(true_false_answer, *, raw=None, maximum=1, iri):
    """A statement as our true/false type sends it through H5P core (actor and context as H5P fills them)."""
    raw = (1 if true_false_answer is False else 0) if raw is None else raw
    return {
        "actor": {"name": "Someone", "mbox": "mailto:someone@example.org", "objectType": "Agent"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {
            "id": iri,
            "objectType": "Activity",
            "definition": {
                "extensions": {"http://h5p.org/x-api/h5p-local-content-id": "x"},
                "name": {"en-US": "Passport"},
                "interactionType": "true-false",
                "description": {"en-US": "Your employer may keep your passport."},
                "correctResponsesPattern": ["false"],
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            },
        },
        "context": {"contextActivities": {"category": [{"id": "http://h5p.org/libraries/H5P.TrueFalseQuestion-1.1"}]}},
        "result": {
            "score": {"min": 0, "max": maximum, "raw": raw, "scaled": raw / maximum},
            "completion": True,
            "success": raw == maximum,
            "duration": "PT3.2S",
            "response": str(true_false_answer).lower(),
        },
    }


def post_statement(client, lesson, statement, state=None, csrf=None):
    headers = {"HTTP_X_CSRFTOKEN": csrf} if csrf else {}
    return client.post(
        f"/h5p/lessons/{lesson.pk}/xapi/",
        json.dumps({"statement": statement, "state": state}),
        content_type="application/json",
        **headers,
    )


# Import and pack rules


def test_the_pack_import_makes_the_lesson_activity(h5p_course):
    activity = LessonActivity.objects.get()
    assert (activity.pack_id, activity.lesson_key) == ("example.atlantis", "atlantis-contract")
    assert activity.required and activity.pass_mark == 100
    assert activity.final_assessment and activity.lesson_has_quiz
    # An operator's pack is trusted: its libraries are approved, so the activity is playable.
    assert list(Content.objects.playable()) == [activity.content]
    assert not Library.objects.filter(approved_at=None).exists()


def test_a_final_assessment_may_not_rely_on_an_h5p_score_alone(pack_copy):
    add_activity(pack_copy, quiz=False)
    for quiz in (pack_copy / "quizzes").iterdir():
        quiz.unlink()
    with pytest.raises(PackInvalid) as refused:
        read_pack(pack_copy)
    assert any(
        error.file == "lessons/contract.md" and error.field == "h5p.required" and "H5P score alone" in error.message
        for error in refused.value.errors
    ), str(refused.value)


def test_the_model_enforces_the_same_rule(h5p_course):
    from django.core.exceptions import ValidationError

    activity = LessonActivity.objects.get()
    activity.lesson_has_quiz = False
    with pytest.raises(ValidationError, match="H5P score alone"):
        activity.full_clean()


def test_a_lesson_naming_a_missing_package_is_refused(pack_copy):
    add_activity(pack_copy, "h5p:\n  file: h5p/other.h5p\n")
    with pytest.raises(PackInvalid) as refused:
        read_pack(pack_copy)
    assert any(error.field == "h5p.file" and "h5p/other.h5p" in error.message for error in refused.value.errors)


def test_a_broken_package_in_a_pack_is_refused_naming_both_files(pack_copy):
    add_activity(pack_copy)
    files = true_false_files()
    files["content/evil.js"] = b"alert(1)"
    write_zip(pack_copy / "h5p" / "passport.h5p", files)
    with pytest.raises(PackInvalid) as refused:
        read_pack(pack_copy)
    assert any(
        error.file == "h5p/passport.h5p" and "content/evil.js" in error.message for error in refused.value.errors
    )


# The player on its own origin


def test_the_lesson_page_offers_the_activity_and_launch_gives_a_signed_link(client, h5p_course):
    page = client.get(CONTRACT_URL.format(language="en")).content.decode()
    assert f'data-h5p-launch="/h5p/lessons/{h5p_course.pk}/launch/"' in page
    launched = launch(client, h5p_course)
    assert launched["origin"] == "http://h5p.localhost:8000"
    assert launched["state"] is None
    assert token_of(launched)


def test_the_h5p_host_serves_the_player_without_cookies_and_frameable_only_by_the_site(client, h5p_course):
    token = token_of(launch(client, h5p_course))
    response = h5p_get(f"/h5p/embed/{token}/", HTTP_COOKIE="sessionid=stolen; csrftoken=x")
    assert response.status_code == 200
    assert "frame-ancestors http://testserver" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not response.cookies
    assert "X-Frame-Options" not in response
    assert b"rahnuma-h5p-config" in response.content


@pytest.mark.parametrize("path", ["/en/", "/admin/", "/h5p/lessons/1/launch/", "/static/web/css/site.css"])
def test_the_h5p_host_serves_nothing_of_the_site(h5p_course, path):
    response = h5p_get(path)
    assert response.status_code == 404
    assert not response.cookies


def test_content_needs_a_valid_unexpired_token(client, h5p_course, settings):
    token = token_of(launch(client, h5p_course))
    content = h5p_get(f"/h5p/content/{token}/content/content.json")
    assert content.status_code == 200
    assert content.json()["question"] == "Your employer may keep your passport."
    listed = h5p_get(f"/h5p/content/{token}/h5p.json").json()["preloadedDependencies"]
    assert {item["machineName"] for item in listed} == {"Rahnuma.Common", "Rahnuma.TrueFalseQuestion"}
    assert h5p_get(f"/h5p/content/{token[:-2]}xx/content/content.json").status_code == 404
    settings.H5P_TOKEN_SECONDS = -1
    assert h5p_get(f"/h5p/content/{token}/content/content.json").status_code == 404


def test_a_draft_is_never_served(client, h5p_course):
    token = token_of(launch(client, h5p_course))
    Library.objects.filter(machine_name="Rahnuma.Common").update(approved_at=None)
    assert h5p_get(f"/h5p/content/{token}/content/content.json").status_code == 404
    assert h5p_get("/h5p/libraries/Rahnuma.Common-1.1/common.js").status_code == 404
    assert client.get(f"/h5p/lessons/{h5p_course.pk}/launch/", follow=True).status_code == 404


def test_approved_libraries_and_the_player_are_public_and_compressed(h5p_course):
    library = h5p_get("/h5p/libraries/Rahnuma.TrueFalseQuestion-1.1/true-false.js")
    assert library.status_code == 200 and library["Content-Type"] == "text/javascript"
    assert "public" in library["Cache-Control"]
    player = h5p_get("/h5p/player/frame.bundle.js", HTTP_ACCEPT_ENCODING="gzip")
    assert player.status_code == 200 and player["Content-Encoding"] == "gzip"
    assert h5p_get("/h5p/player/../../package.json").status_code == 404
    assert h5p_get("/h5p/libraries/Rahnuma.TrueFalseQuestion-1.1/../Rahnuma.Common-1.1/common.js").status_code == 404


# Results


def test_an_answer_is_stored_normalised_as_an_attempt_with_its_score(client, h5p_course):
    launched = launch(client, h5p_course)
    iri = Content.objects.get().activity_iri
    response = post_statement(client, h5p_course, answer(False, iri=iri), state='{"answer": false}')
    assert response.status_code == 200, response.content
    assert response.json() == {**response.json(), "finished": True, "passed": True, "percent": 100}
    attempt = Attempt.objects.get()
    assert (attempt.score_raw, attempt.score_max, attempt.success, attempt.duration_seconds) == (1, 1, True, 3.2)
    statement = Statement.objects.get().data
    assert statement["version"] == "1.0.3"
    assert statement["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://rahnuma.example/h5p/activities/", "name": str(attempt.learner.public_id)},
    }
    assert statement["id"] == str(Statement.objects.get().pk) and statement["timestamp"]
    assert statement["context"]["registration"] == str(attempt.registration)
    assert "mbox" not in json.dumps(statement)
    assert SavedState.objects.get().data == '{"answer": false}'
    assert launch(client, h5p_course)["state"] == '{"answer": false}'
    assert launched["csrf"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda s: s["result"]["score"].update(raw=5), "result.score"),
        (lambda s: s["result"]["score"].update(raw=2, max=2), "result.score.max"),
        (lambda s: s["result"]["score"].update(raw=float("nan")), None),
        (lambda s: s["verb"].update(id="http://example.org/verbs/hacked"), "verb.id"),
        (lambda s: s["object"].update(id="https://rahnuma.example/h5p/activities/someone-else"), "object.id"),
        (lambda s: s["result"].update(duration="three seconds"), "result.duration"),
    ],
    ids=["raw above max", "forged max", "not a number", "unknown verb", "another activity", "bad duration"],
)
def test_forged_or_broken_statements_are_refused(client, h5p_course, change, field):
    statement = answer(False, iri=Content.objects.get().activity_iri)
    change(statement)
    response = post_statement(client, h5p_course, statement)
    assert response.status_code == 400
    if field:
        assert response.json()["field"] == field
    assert not Attempt.objects.filter(finished_at__isnull=False).exists()


def test_the_xapi_endpoint_needs_the_csrf_token(h5p_course):
    browser = Client(enforce_csrf_checks=True)
    launched = launch(browser, h5p_course)
    statement = answer(False, iri=Content.objects.get().activity_iri)
    assert post_statement(browser, h5p_course, statement).status_code == 403
    assert post_statement(browser, h5p_course, statement, csrf=launched["csrf"]).status_code == 200


def test_questions_of_an_activity_become_child_rows(client, h5p_course):
    iri = Content.objects.get().activity_iri
    child = answer(False, iri=f"{iri}?subContentId=q1")
    assert post_statement(client, h5p_course, child).status_code == 200
    attempt = Attempt.objects.get()
    assert attempt.finished_at is None
    question = attempt.questions.get()
    assert (question.object_id, question.score_raw, question.response) == (f"{iri}?subContentId=q1", 1, "false")
    assert Statement.objects.get().data["context"]["contextActivities"]["parent"] == [
        {"objectType": "Activity", "id": iri}
    ]


def test_a_required_activity_finishes_the_lesson_only_when_passed(client, h5p_course):
    iri = Content.objects.get().activity_iri
    course = h5p_course.get_parent().specific
    assert post_statement(client, h5p_course, answer(True, iri=iri)).json()["passed"] is False
    learner = Attempt.objects.get().learner
    status = course_progress(learner, course, [h5p_course]).lessons[0]
    assert not status.activity_passed
    assert post_statement(client, h5p_course, answer(False, iri=iri)).json()["passed"] is True
    status = course_progress(learner, course, [h5p_course]).lessons[0]
    assert status.done and status.activity_passed
    assert Attempt.objects.count() == 2  # one registration per attempt
    assert len(set(Attempt.objects.values_list("registration", flat=True))) == 2


def test_results_in_every_language_count_for_the_same_activity(client, h5p_course):
    urdu = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="ur")
    iri = Content.objects.get().activity_iri
    assert post_statement(client, urdu, answer(False, iri=iri)).json()["passed"] is True
    attempt = Attempt.objects.get()
    assert attempt.language == "ur"
    course = h5p_course.get_parent().specific
    assert course_progress(attempt.learner, course, [h5p_course]).lessons[0].activity_passed


def test_nothing_is_kept_to_resume_on_a_kiosk(h5p_course):
    kiosk = Client(HTTP_HOST="kiosk.localhost")
    iri = Content.objects.get().activity_iri
    assert post_statement(kiosk, h5p_course, answer(False, iri=iri), state='{"answer": false}').status_code == 200
    assert not SavedState.objects.exists()
    assert launch(kiosk, h5p_course)["state"] is None


def test_the_player_link_names_the_lesson_language(client, h5p_course):
    urdu = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="ur")
    token = token_of(launch(client, urdu))
    assert token != player_token(Content.objects.get(), "en", "http://testserver")
    assert b'lang="ur" dir="rtl"' in h5p_get(f"/h5p/embed/{token}/").content


def test_the_csp_hash_is_that_of_h5p_cores_inline_script():
    import base64
    import hashlib

    from cms.h5p.origin_views import H5P_CORE_INLINE_SCRIPT_HASHES, STANDALONE_FILES

    bundle = (STANDALONE_FILES / "frame.bundle.js").read_text()
    script = re.search(r"<script>(H5PIntegration = window\.parent\.H5PIntegration;.*?)<\\/script>", bundle)[1]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert [f"'sha256-{digest}'"] == H5P_CORE_INLINE_SCRIPT_HASHES


def test_statements_are_rate_limited(client, h5p_course, settings):
    settings.RAHNUMA_RATE_LIMIT_SCALE = 0.01  # three statements per client and window
    iri = Content.objects.get().activity_iri
    answers = [post_statement(client, h5p_course, answer(False, iri=iri)).status_code for _ in range(6)]
    assert answers[:2] == [200, 200] and answers[-1] == 429, answers
    assert Attempt.objects.count() == answers.count(200)
