"""Quizzes as StreamField blocks. Correct answers live only on the server side of the block:
templates render prompts and choices, never ``correct`` or ``feedback``."""

from wagtail import blocks

from cms.core.blocks import KeyBlock

# A lesson body's quiz block is named so. Its text gives the answers away: search leaves it out of
# documents and snippets, and read aloud does not speak it.
QUIZ_BLOCK = "quiz"

QUESTION_TYPES = [
    ("single", "Single choice"),
    ("multiple", "Multiple choice"),
    ("true_false", "True or false"),
    ("scenario", "Scenario"),
]


class AnswerChoiceBlock(blocks.StructBlock):
    key = KeyBlock()
    text = blocks.TextBlock()
    correct = blocks.BooleanBlock(required=False)
    feedback = blocks.TextBlock(help_text="Why this choice is right or wrong, shown after answering.")


class QuestionBlock(blocks.StructBlock):
    key = KeyBlock()
    question_type = blocks.ChoiceBlock(choices=QUESTION_TYPES)
    story = blocks.TextBlock(required=False, help_text="Scenario questions only: the short story.")
    prompt = blocks.TextBlock()
    choices = blocks.ListBlock(AnswerChoiceBlock(), min_num=2, max_num=8)


class QuizBlock(blocks.StructBlock):
    key = KeyBlock()
    title = blocks.CharBlock(max_length=255)
    pass_mark = blocks.IntegerBlock(min_value=1, max_value=100, help_text="Percent needed to pass.")
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, max_num=30)

    class Meta:
        icon = "help"
        template = "blocks/quiz.html"
