"""Helpers for the learning-engine tests: a two-lesson course pack, and reading and posting lesson forms
the way a browser does (hidden fields from the page, then a POST to the lesson's URL)."""

import re
from html.parser import HTMLParser

CONTRACT_URL = "/{language}/courses/atlantis-course/atlantis-contract/"
ARRIVAL_URL = "/{language}/courses/atlantis-course/atlantis-arrival/"
COURSE_URL = "/{language}/courses/atlantis-course/"

# The example pack's quiz (quizzes/contract-check.yaml): a single and a scenario question, pass mark 60.
CONTRACT_RIGHT = {"q1": "a", "q2": "a"}
CONTRACT_HALF = {"q1": "a", "q2": "b"}

ARRIVAL_LESSON = """---
key: atlantis-arrival
title: Your first week
summary: What to do when you arrive.
minutes: 5
quiz: atlantis-arrival-check
---
Keep your passport with you. Register with the embassy in your first week.
"""

ARRIVAL_QUIZ = """key: atlantis-arrival-check
title: Your first week
pass_mark: 75
questions:
  - key: keep
    type: multiple
    prompt: Which do you keep yourself?
    choices:
      - key: passport
        text: Your passport.
        correct: true
        feedback: Yes. Nobody else may keep it.
      - key: contract
        text: A copy of your contract.
        correct: true
        feedback: Yes. You need it if there is a dispute.
      - key: salary-card
        text: Your salary card.
        correct: true
        feedback: Yes. Your wages are paid onto it.
      - key: nothing
        text: Nothing; the employer keeps it all.
        feedback: No. These papers are yours.
  - key: register
    type: true_false
    prompt: You should register with the embassy in your first week.
    choices:
      - key: "true"
        text: "True"
        correct: true
        feedback: Right. The embassy can then help you.
      - key: "false"
        text: "False"
        feedback: Not so. Registering early lets the embassy help you.
"""


def add_arrival_lesson(pack):
    """Give the example pack's course a second lesson, whose quiz has a multiple-choice and a true/false question."""
    (pack / "lessons" / "arrival.md").write_text(ARRIVAL_LESSON)
    (pack / "quizzes" / "arrival-check.yaml").write_text(ARRIVAL_QUIZ)
    course = pack / "courses" / "atlantis-course.yaml"
    course.write_text(
        course.read_text().replace("  - atlantis-contract\n", "  - atlantis-contract\n  - atlantis-arrival\n")
    )
    return pack


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and attrs.get("type") == "hidden" and self.forms:
            self.forms[-1][attrs["name"]] = attrs.get("value", "")


def hidden_fields(html: str, action: str) -> dict:
    """The hidden fields of the page's form with ``action`` ("quiz" or "done")."""
    reader = _FormReader()
    reader.feed(html)
    forms = [form for form in reader.forms if form.get("action") == action]
    assert len(forms) == 1, f"expected one {action!r} form in the page, found {len(forms)}"
    return forms[0]


def answer_fields(answers: dict) -> dict:
    """Form fields for ``{question key: choice key or [choice keys]}``."""
    return {f"answer-{question}": choice for question, choice in answers.items()}


def fresh_form(client, url, action="quiz") -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return hidden_fields(response.content.decode(), action)


def post_quiz(client, url, answers, form=None):
    """Answer the page's quiz as a browser would; ``form`` reuses hidden fields read earlier (a resend)."""
    form = form or fresh_form(client, url)
    return client.post(url, {**form, **answer_fields(answers)})


def mark_done(client, url):
    return client.post(url, fresh_form(client, url, "done"))


def attempt_token(response) -> str:
    """The attempt a quiz POST redirected to (``?attempt=<token>#quiz-result``)."""
    assert response.status_code == 302, response.status_code
    return re.search(r"[?&]attempt=([^&#]+)", response["Location"]).group(1)


def correct_answers(quiz) -> dict:
    """The right answers to a pack's quiz (``pack.quizzes[key]``) as its form posts them: one choice
    key, or a list for a multiple-choice question."""
    answers = {}
    for question in quiz.meta.questions:
        keys = [choice.key for choice in question.choices if choice.correct]
        answers[question.key] = keys if question.type == "multiple" else keys[0]
    return answers


def wrong_answers(quiz) -> dict:
    """A wrong choice for every question of a pack's quiz: a score of nothing."""
    return {
        question.key: next(choice.key for choice in question.choices if not choice.correct)
        for question in quiz.meta.questions
    }
