"""Quizzes graded on the server: scoring of every question type, answers kept out of the page until
the learner has answered, the review after POST-redirect-GET, and forged or foreign posts refused."""

from fractions import Fraction

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cms.learning.grading import InvalidAnswers, Quiz, grade, read_answers
from cms.learning.models import Learner, LessonPage, LessonProgress, QuizAttempt
from cms.learning.templatetags.learning_quiz import question_review
from cms.packs.importer import install_pack
from tests.learning_helpers import (
    ARRIVAL_URL,
    CONTRACT_HALF,
    CONTRACT_RIGHT,
    CONTRACT_URL,
    add_arrival_lesson,
    answer_fields,
    attempt_token,
    fresh_form,
    post_quiz,
)


def choice(key, correct=False):
    return {"key": key, "text": f"Choice {key}", "correct": correct, "feedback": f"About {key}."}


def question(key, question_type, *choices):
    return {"key": key, "question_type": question_type, "story": "", "prompt": f"Question {key}?", "choices": choices}


QUIZ = Quiz.from_block(
    {
        "key": "check",
        "title": "Check",
        "pass_mark": 50,
        "questions": [
            question("one", "single", choice("a", True), choice("b")),
            question("yes-no", "true_false", choice("true"), choice("false", True)),
            question("story", "scenario", choice("a"), choice("b", True), choice("c")),
            question("many", "multiple", choice("a", True), choice("b", True), choice("c", True), choice("d")),
        ],
    }
)


def points(result, question_key):
    return next(item.points for item in result.questions if item.question.key == question_key)


@pytest.mark.parametrize(
    ("question_key", "chosen", "expected"),
    [
        ("one", ["a"], 1),
        ("one", ["b"], 0),
        ("yes-no", ["false"], 1),
        ("yes-no", ["true"], 0),
        ("story", ["b"], 1),
        ("story", ["c"], 0),
        ("story", [], 0),
    ],
)
def test_one_choice_questions_score_a_point_for_the_right_choice(question_key, chosen, expected):
    assert points(grade(QUIZ, {question_key: chosen}), question_key) == expected


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["a", "b", "c"], Fraction(1)),
        (["a", "b"], Fraction(2, 3)),  # partial credit: two of three right choices
        (["a", "b", "d"], Fraction(1, 3)),  # a wrong pick cancels a right one
        (["a", "d"], Fraction(0)),
        (["d"], Fraction(0)),  # never below zero
        (["a", "b", "c", "d"], Fraction(2, 3)),
        ([], Fraction(0)),
    ],
)
def test_multiple_choice_gives_partial_credit(chosen, expected):
    assert points(grade(QUIZ, {"many": chosen}), "many") == expected


def test_ticking_every_box_scores_nothing_when_half_the_choices_are_wrong():
    quiz = Quiz.from_block(
        {
            "key": "q",
            "title": "Q",
            "pass_mark": 50,
            "questions": [question("m", "multiple", choice("a", True), choice("b", True), choice("c"), choice("d"))],
        }
    )
    assert grade(quiz, {"m": ["a", "b", "c", "d"]}).score == 0


def test_score_is_the_sum_over_the_questions_and_passes_exactly_at_the_pass_mark():
    result = grade(QUIZ, {"one": ["a"], "yes-no": ["false"], "story": ["a"], "many": ["d"]})
    assert result.score == Fraction(2, 4)
    assert result.percent == 50 and result.passed  # pass mark 50: reaching it passes
    result = grade(QUIZ, {"one": ["a"], "many": ["a", "b"]})  # 1 + 2/3 of 4 = 41.66..%
    assert result.percent == 41 and not result.passed  # rounded down, never up to a pass
    assert [item.answered for item in result.questions] == [True, False, False, True]


def test_stored_answers_naming_a_choice_the_quiz_no_longer_has_are_left_out():
    result = grade(QUIZ, {"one": ["gone"], "many": ["a", "gone"]})
    assert result.questions[0].chosen == () and result.questions[3].chosen == (QUIZ.questions[3].choices[0],)


def posted(**fields):
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, values)
    return data


def test_read_answers_takes_the_posted_choices_and_allows_unanswered_questions():
    data = posted(**{"answer-one": ["b"], "answer-many": ["a", "c"], "token": ["x"]})
    assert read_answers(QUIZ, data) == {"one": ["b"], "yes-no": [], "story": [], "many": ["a", "c"]}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"answer-two": ["a"]}, "the quiz 'check' has no question 'two'"),
        ({"answer-one": ["z"]}, "question 'one' has no choice 'z'"),
        ({"answer-one": ["a", "b"]}, "question 'one' takes one choice, got 2"),
        ({"answer-story": ["a", "b"]}, "question 'story' takes one choice, got 2"),
        ({"answer-many": ["a", "a"]}, "question 'many': a choice was sent twice"),
    ],
)
def test_read_answers_refuses_what_the_quiz_did_not_offer(fields, message):
    with pytest.raises(InvalidAnswers, match=message):
        read_answers(QUIZ, posted(**fields))


# The lesson page.


@pytest.fixture
def course(site, pack_copy):
    install_pack(add_arrival_lesson(pack_copy), site)
    return site


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "field"), [(CONTRACT_URL, "answer-q2"), (ARRIVAL_URL, "answer-keep")])
def test_the_quiz_form_shows_no_right_answers_and_no_feedback(client, course, url, field):
    html = page(client, url.format(language="en"))
    assert 'method="post"' in html and 'name="csrfmiddlewaretoken"' in html
    assert f'name="{field}"' in html
    assert "correct" not in html.lower()
    for feedback in ("Once you sign, it is too late", "too late to change it", "Nobody else may keep it", "help you"):
        assert feedback not in html


@pytest.mark.django_db
def test_the_quiz_rendered_outside_its_lesson_page_shows_questions_without_a_form(course):
    body = str(LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en").body)
    assert "When should you read your contract?" in body
    assert "<form" not in body and "correct" not in body.lower() and "too late" not in body


@pytest.mark.django_db
def test_answering_redirects_to_a_review_of_the_learners_own_attempt(course):
    client = Client(enforce_csrf_checks=True)  # the form carries its CSRF token like a browser's
    url = CONTRACT_URL.format(language="en")
    response = post_quiz(client, url, CONTRACT_HALF)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{url}?attempt=") and response["Location"].endswith("#quiz-result")

    review = page(client, response["Location"])
    assert "You scored 50%." in review and "Not passed yet: you need 60%." in review
    assert "Your best score so far: 50%" in review
    assert "Yes. Once you sign, it is too late to change it." in review  # feedback of the chosen choices
    assert "No. An employer may not keep your passport." in review
    assert "Right. Your passport is yours to keep." not in review  # the choice not taken stays hidden
    assert review.count('class="question-review answer-right"') == 1
    assert review.count('class="question-review answer-wrong"') == 1
    assert f'href="{url}#quiz-atlantis-contract-check">Try again<' in review
    assert 'name="answer-q1"' not in review  # the review replaces the form

    page(client, response["Location"])  # reloading the review records nothing
    attempt = QuizAttempt.objects.get()
    assert (attempt.score_percent, attempt.passed, attempt.answers) == (50, False, {"q1": ["a"], "q2": ["b"]})
    assert (attempt.pack_id, attempt.quiz_key, attempt.lesson_key, attempt.language) == (
        "example.atlantis",
        "atlantis-contract-check",
        "atlantis-contract",
        "en",
    )


@pytest.mark.django_db
def test_partial_credit_is_shown_and_the_best_score_is_kept_over_retries(client, course):
    url = ARRIVAL_URL.format(language="en")
    first = post_quiz(client, url, {"keep": ["passport", "contract"], "register": "true"})  # (2/3 + 1) / 2
    review = page(client, first["Location"])
    assert "You scored 83%." in review and "You passed." in review
    assert 'class="question-review answer-partly"' in review and "Partly right" in review

    post_quiz(client, url, {"keep": ["nothing"], "register": "false"})
    again = post_quiz(client, url, {"keep": ["passport"], "register": "true"})  # (1/3 + 1) / 2
    review = page(client, again["Location"])
    assert "You scored 66%." in review and "Not passed yet: you need 75%." in review
    assert "Your best score so far: 83%" in review
    assert list(QuizAttempt.objects.order_by("pk").values_list("score_percent", flat=True)) == [83, 0, 66]
    form_page = page(client, url)
    assert "Your best score so far: 83%" in form_page and "You passed this quiz." in form_page


@pytest.mark.django_db
def test_passing_the_quiz_finishes_the_lesson_and_failing_does_not(client, course):
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_HALF)
    assert not LessonProgress.objects.exists()
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_RIGHT)
    assert list(LessonProgress.objects.values_list("lesson_key", "language")) == [("atlantis-contract", "en")]


def assert_refused(response):
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert not QuizAttempt.objects.exists() and not LessonProgress.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"answer-q9": "a"},  # a question the quiz does not have
        {"answer-q1": "z"},  # a choice the question does not offer
        {"answer-q1": ["a", "b"]},  # two choices for a single-choice question
        {"quiz": "atlantis-arrival-check"},  # the quiz of another page
        {"token": ""},
        {"action": "delete"},
    ],
)
def test_forged_answers_are_refused_and_nothing_is_recorded(client, course, change):
    url = CONTRACT_URL.format(language="en")
    form = {**fresh_form(client, url), **answer_fields(CONTRACT_RIGHT)}
    assert_refused(client.post(url, {**form, **change}))
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_an_edited_token_is_refused(client, course):
    url = CONTRACT_URL.format(language="en")
    form = fresh_form(client, url)
    payload, signature = form["token"].split(":", 1)
    assert_refused(post_quiz(client, url, CONTRACT_RIGHT, {**form, "token": payload[:-2] + "xy:" + signature}))


@pytest.mark.django_db
def test_a_token_from_another_lessons_page_is_refused(client, course):
    arrival_form = fresh_form(client, ARRIVAL_URL.format(language="en"))
    url = CONTRACT_URL.format(language="en")
    form = {**fresh_form(client, url), "token": arrival_form["token"]}
    assert_refused(post_quiz(client, url, CONTRACT_RIGHT, form))


@pytest.mark.django_db
def test_another_learners_form_and_attempt_are_refused(course):
    url = CONTRACT_URL.format(language="en")
    owner, other = Client(), Client()
    post_quiz(owner, url, CONTRACT_HALF)  # makes the owner a learner; their next forms are theirs
    owners_form = fresh_form(owner, url)
    other_first = post_quiz(other, url, CONTRACT_HALF)
    assert QuizAttempt.objects.count() == 2

    response = post_quiz(other, url, CONTRACT_RIGHT, owners_form)
    assert response.status_code == 400
    assert QuizAttempt.objects.count() == 2 and not LessonProgress.objects.exists()
    # Nor may they see the owner's review, or the owner theirs.
    owners_attempt = QuizAttempt.objects.exclude(token=attempt_token(other_first)).get()
    assert other.get(f"{url}?attempt={owners_attempt.token}").status_code == 404
    assert owner.get(other_first["Location"]).status_code == 404


@pytest.mark.django_db
def test_a_form_made_in_one_browser_is_refused_in_another(course):
    url = CONTRACT_URL.format(language="en")
    form = fresh_form(Client(), url)  # made for a browser with no learner yet, bound to its CSRF cookie
    assert_refused(post_quiz(Client(), url, CONTRACT_RIGHT, form))
    assert not Learner.objects.exists()


def post_quiz_for_json(client, url, answers, form):
    return client.post(url, {**form, **answer_fields(answers)}, HTTP_ACCEPT="application/json")


@pytest.mark.django_db
def test_a_post_asking_for_json_gets_the_review_and_a_token_for_trying_again(course):
    client = Client(enforce_csrf_checks=True)
    url = CONTRACT_URL.format(language="en")
    form = fresh_form(client, url)
    first = post_quiz_for_json(client, url, CONTRACT_HALF, form)
    assert first.status_code == 200 and first["Content-Type"] == "application/json"
    answer = first.json()
    assert (answer["score_percent"], answer["passed"], answer["best_percent"]) == (50, False, 50)
    assert answer["attempt"] == QuizAttempt.objects.get().token
    assert "You scored 50%." in answer["review_html"] and "Yes. Once you sign, it is too late" in answer["review_html"]
    assert "Right. Your passport is yours to keep." not in answer["review_html"]  # a choice not taken

    # The fresh token sends another attempt, with the same CSRF token, and no page load in between.
    form = {**form, "token": answer["token"]}
    second = post_quiz_for_json(client, url, CONTRACT_RIGHT, form).json()
    assert (second["score_percent"], second["passed"], second["best_percent"]) == (100, True, 100)
    assert "You passed." in second["review_html"]
    assert QuizAttempt.objects.count() == 2 and LessonProgress.objects.count() == 1

    # Sending that form again (a double tap) gives the same attempt, not a third one.
    again = post_quiz_for_json(client, url, CONTRACT_RIGHT, form).json()
    assert again["attempt"] == second["attempt"] and QuizAttempt.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_json_post_gets_a_json_error_and_records_nothing(client, course):
    url = CONTRACT_URL.format(language="en")
    form = {**fresh_form(client, url), "answer-q1": "z"}
    response = client.post(url, form, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json() == {"error": "form refused"}
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_a_browser_that_prefers_html_still_gets_the_redirect(client, course):
    url = CONTRACT_URL.format(language="en")
    response = client.post(
        url, {**fresh_form(client, url), **answer_fields(CONTRACT_HALF)}, HTTP_ACCEPT="text/html,*/*;q=0.8"
    )
    assert response.status_code == 302 and "?attempt=" in response["Location"]


@pytest.mark.django_db
def test_a_questions_review_is_kept_apart_by_its_content_its_choices_and_the_language():
    graded = grade(QUIZ, {"one": ["b"]}).questions[0]
    with translation.override("en"):
        wrong = question_review(graded)
        assert question_review(graded) == wrong
        assert "Not right" in wrong and "About b." in wrong
        assert "About a." in question_review(grade(QUIZ, {"one": ["a"]}).questions[0])
        # The same question with its feedback edited (a preview, say) is not given the kept review.
        edited = Quiz.from_block(
            {
                "key": "check",
                "title": "Check",
                "pass_mark": 50,
                "questions": [question("one", "single", choice("a", True), {**choice("b"), "feedback": "Edited."})],
            }
        )
        assert "Edited." in question_review(grade(edited, {"one": ["b"]}).questions[0])
    with translation.override("ur"):
        urdu = question_review(graded)
    assert urdu != wrong and "Not right" not in urdu


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_answer_by_the_sessions_learner_is_one_transaction_without_savepoints(course):
    """Each statement in the transaction is one more wait for every other writer (cms.core.sqlite_backend)."""
    client, url = Client(), CONTRACT_URL.format(language="en")
    post_quiz(client, url, CONTRACT_HALF)  # the first answer makes the learner
    form = fresh_form(client, url)
    with CaptureQueriesContext(connection) as queries:  # another try, not passed yet: one attempt to record
        assert post_quiz(client, url, CONTRACT_HALF, form).status_code == 302
    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    assert statements.count("BEGIN") == 1 and "SAVEPOINT" not in statements
    assert QuizAttempt.objects.filter(learner=Learner.objects.get()).count() == 2
