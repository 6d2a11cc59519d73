"""Template tags for a quiz's review: each answered question's part, rendered once and then kept.

A learner answering a quiz gets its review with every answer (cms.learning.lesson_views), and
rendering the questions' part of it, their texts, verdicts and feedback, was about a fifth of
the server's work per answer. That part depends only on the question, the choices picked, the
language and the theme, and a question offers few combinations of choices, so each is rendered
once per process and kept with the content it was rendered from (cms.core.content_memo).
"""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from cms.core.content_memo import ContentMemo
from themes.current import current_theme

register = template.Library()

QUESTION_REVIEW_TEMPLATE = "rahnuma_learning/includes/quiz_question_review.html"
# Several combinations of choices for each question of the quizzes being answered, in each language:
# about 1 KB each, so at most a few MB of a worker's memory.
QUESTION_REVIEWS = ContentMemo(maxsize=2048)


@register.simple_tag
def question_review(item):
    """The review of one graded question (a cms.learning.grading.QuestionResult), as HTML."""
    # The question itself is in the key (a frozen value: its texts, choices and feedback), so a
    # preview of changed content never gets the review of the content as published.
    key = (current_theme().name, get_language(), item.question, tuple(choice.key for choice in item.chosen))
    return QUESTION_REVIEWS.get(key, lambda: render_to_string(QUESTION_REVIEW_TEMPLATE, {"item": item}))
