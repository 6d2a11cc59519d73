"""Reading a learner's answers to a quiz and grading them. No database, no requests.

A quiz comes from a lesson's ``quiz`` block (``Quiz.from_block``). ``read_answers`` turns posted
form data into ``{question key: [choice keys]}`` and refuses anything the page did not offer;
``grade`` scores those answers::

    quiz = Quiz.from_block(block.value)
    answers = read_answers(quiz, request.POST)   # raises InvalidAnswers
    result = grade(quiz, answers)
    result.percent, result.passed

Scoring: a ``single``, ``true_false`` or ``scenario`` question gives 1 point when the chosen
choice is a correct one. A ``multiple`` question gives partial credit,
``max(0, (right picks - wrong picks) / correct choices)``, so ticking every box scores 0. The
score is the sum over the number of questions; the quiz is passed when it reaches the pass mark.
Arithmetic is exact (fractions), so a score exactly on the pass mark passes.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

MULTIPLE = "multiple"
ANSWER_FIELD_PREFIX = "answer-"  # a question's form field is "answer-<question key>"


class InvalidAnswers(Exception):
    """The posted answers do not fit the quiz: a forged or out-of-date form. Nothing is graded."""


@dataclass(frozen=True)
class Choice:
    key: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    key: str
    question_type: str
    story: str
    prompt: str
    choices: tuple[Choice, ...]

    @property
    def field_name(self) -> str:
        return ANSWER_FIELD_PREFIX + self.key

    @property
    def allows_several(self) -> bool:
        return self.question_type == MULTIPLE

    def choice(self, key) -> Choice | None:
        return next((choice for choice in self.choices if choice.key == key), None)


@dataclass(frozen=True)
class Quiz:
    key: str
    title: str
    pass_mark: int
    questions: tuple[Question, ...]

    @classmethod
    def from_block(cls, value) -> "Quiz":
        """The quiz held by a ``QuizBlock`` value (a StructValue, or its raw dict)."""
        return cls(
            key=value["key"],
            title=value["title"],
            pass_mark=value["pass_mark"],
            questions=tuple(
                Question(
                    key=question["key"],
                    question_type=question["question_type"],
                    story=question.get("story") or "",
                    prompt=question["prompt"],
                    choices=tuple(
                        Choice(choice["key"], choice["text"], bool(choice.get("correct")), choice.get("feedback") or "")
                        for choice in question["choices"]
                    ),
                )
                for question in value["questions"]
            ),
        )


Answers = dict[str, list[str]]  # question key -> chosen choice keys, [] when unanswered


def read_answers(quiz: Quiz, data: Mapping) -> Answers:
    """The answers in posted form ``data`` (a QueryDict or anything with ``getlist``).

    Raises InvalidAnswers for an answer field naming a question the quiz does not have, a choice
    the question does not offer, the same choice twice, or several choices for a question that
    takes one. A question left unanswered is allowed: it scores nothing.
    """
    questions = {question.field_name: question for question in quiz.questions}
    unknown = sorted(name for name in data if name.startswith(ANSWER_FIELD_PREFIX) and name not in questions)
    if unknown:
        raise InvalidAnswers(f"the quiz {quiz.key!r} has no question {unknown[0][len(ANSWER_FIELD_PREFIX) :]!r}")
    answers = {}
    for name, question in questions.items():
        chosen = data.getlist(name) if name in data else []
        for key in chosen:
            if question.choice(key) is None:
                raise InvalidAnswers(f"question {question.key!r} has no choice {key!r}")
        if len(set(chosen)) != len(chosen):
            raise InvalidAnswers(f"question {question.key!r}: a choice was sent twice")
        if len(chosen) > 1 and not question.allows_several:
            raise InvalidAnswers(f"question {question.key!r} takes one choice, got {len(chosen)}")
        answers[question.key] = chosen
    return answers


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    chosen: tuple[Choice, ...]
    points: Fraction  # 0 to 1

    @property
    def answered(self) -> bool:
        return bool(self.chosen)

    @property
    def right(self) -> bool:
        return self.points == 1

    @property
    def partly_right(self) -> bool:
        return 0 < self.points < 1


@dataclass(frozen=True)
class QuizResult:
    quiz: Quiz
    questions: tuple[QuestionResult, ...]
    score: Fraction  # 0 to 1
    passed: bool

    @property
    def percent(self) -> int:
        """The score in whole percent, rounded down: it never shows a pass mark that was not reached."""
        return math.floor(self.score * 100)


def question_points(question: Question, chosen_keys) -> Fraction:
    chosen = [question.choice(key) for key in chosen_keys]
    if not question.allows_several:
        return Fraction(1) if len(chosen) == 1 and chosen[0].correct else Fraction(0)
    right = sum(1 for choice in chosen if choice.correct)
    wrong = len(chosen) - right
    # A question an editor saved without any correct choice gives no points rather than dividing by zero.
    correct_total = sum(1 for choice in question.choices if choice.correct) or 1
    return max(Fraction(0), Fraction(right - wrong, correct_total))


def grade(quiz: Quiz, answers: Answers) -> QuizResult:
    """Score ``answers`` (as ``read_answers`` returns them, or as stored with an attempt).

    Choice keys the quiz no longer has (stored answers from before a pack upgrade) are left out.
    """
    results = []
    for question in quiz.questions:
        chosen_keys = [key for key in answers.get(question.key, []) if question.choice(key) is not None]
        results.append(
            QuestionResult(
                question,
                tuple(question.choice(key) for key in chosen_keys),
                question_points(question, chosen_keys),
            )
        )
    score = sum((result.points for result in results), Fraction(0)) / len(quiz.questions)
    return QuizResult(quiz, tuple(results), score, passed=score * 100 >= quiz.pass_mark)
