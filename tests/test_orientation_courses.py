"""The orientation plugin's two courses (plugins/orientation): what issue 10 promises of each.

"Before you decide" (eight topics) and "Getting ready to go" (six topics): each topic a lesson of 7 or
8 minutes ending with a check that has a scenario, then a longer final check graded on the server,
with a higher bar, asking about every topic; in English, Urdu and Shahmukhi Punjabi; facts checked on
the day of writing. These file checks need no database.

What every first-party pack promises is checked for these two by tests/test_first_party_content.py:
quiz answers and feedback, 3 to 5 questions a check, sources, readability, complete translations,
Punjabi that is not Urdu, numbers the same in every language, and, in its one install of each pack,
every page rendered in every language and each course taken in Urdu and in Punjabi until its final
check issues the certificate, titled in the catalogue's title checked here.
"""

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from course_packs import read_pack
from course_packs.messages import pack_messages

PACKS_FOLDER = Path(__file__).resolve().parents[1] / "plugins/orientation/rahnuma_orientation/packs"
CHECKED_ON = date(2026, 12, 3)
CHECKED_NOTE = "Facts in this lesson were checked against stored public copies of the sources on 3 December 2026."


@dataclass(frozen=True)
class Course:
    folder: str
    pack_id: str
    prefix: str  # every key of the pack starts with it, so the two packs' keys cannot clash
    topics: list[str]
    final_questions: range
    final_covers: tuple[str, ...]  # a word each topic's answers turn on, asked about in the final check
    titles: dict[str, str]  # the course's title, as its certificate prints it, by language
    hotlines: tuple[str, ...] = ()  # numbers the course gives
    says_the_pass_mark: bool = False  # the final lesson tells the learner the bar in words
    says_when_checked: bool = False  # each topic's body says when its facts were checked

    @property
    def course_key(self) -> str:
        return f"{self.prefix}{self.folder}"

    @property
    def final(self) -> str:
        return f"{self.prefix}final-check"


BEFORE_YOU_DECIDE = Course(
    folder="before-you-decide",
    pack_id="rahnuma.orientation.before-you-decide",
    prefix="byd-",
    topics=[
        "byd-is-migration-right",
        "byd-legal-routes",
        "byd-recruitment-steps",
        "byd-checking-an-agent",
        "byd-costs",
        "byd-irregular-routes",
        "byd-women-migrants",
        "byd-getting-help",
    ],
    final_questions=range(8, 11),
    final_covers=("licensed", "protector", "rs 15,000", "cash", "visit visa", "nanny", "complain"),
    titles={"en": "Before you decide", "ur": "فیصلہ کرنے سے پہلے"},
    hotlines=("0304 1112123", "111-04040", "111-247-786"),
    says_the_pass_mark=True,
    says_when_checked=True,
)
GETTING_READY = Course(
    folder="getting-ready",
    pack_id="rahnuma.orientation.getting-ready",
    prefix="gr-",
    topics=["gr-contract", "gr-documents", "gr-health-safety", "gr-money", "gr-travel-arrival", "gr-rights-help"],
    final_questions=range(8, 11),
    final_covers=("contract", "protector", "medical", "hundi", "packet", "complain"),
    titles={"en": "Getting ready to go", "pnb": "جان دی تیاری"},
)
COURSES = [pytest.param(course, id=course.folder) for course in (BEFORE_YOU_DECIDE, GETTING_READY)]


def read(course: Course):
    return _read_pack(course.folder)


@functools.cache
def _read_pack(folder: str):
    """Each pack read once for the module: reading one parses every file."""
    return read_pack(PACKS_FOLDER / folder)


@pytest.mark.parametrize("course", COURSES)
def test_the_pack_is_the_orientation_plugins_first_release_in_three_languages(course):
    manifest = read(course).manifest
    assert (manifest.id, manifest.version) == (course.pack_id, "1.0.0")
    assert manifest.languages == ["en", "ur", "pnb"]


@pytest.mark.parametrize("course", COURSES)
def test_every_key_carries_the_packs_prefix_so_it_cannot_clash_with_the_other_course(course):
    keys = [item.key for item in read(course).items()]
    assert keys and [key for key in keys if not key.startswith(course.prefix)] == []


@pytest.mark.parametrize("course", COURSES)
def test_the_course_is_its_topics_then_the_final_check(course):
    pack = read(course)
    (only,) = pack.courses.values()
    assert only.key == course.course_key
    assert only.meta.lessons == [*course.topics, course.final]
    for key in course.topics:
        lesson = pack.lessons[key]
        assert lesson.meta.minutes in (7, 8), key
        quiz = pack.quizzes[lesson.meta.quiz].meta
        assert "scenario" in {question.type for question in quiz.questions}, f"{key}: no scenario question"


@pytest.mark.parametrize("course", COURSES)
def test_the_final_check_is_longer_covers_every_topic_and_sets_a_higher_bar(course):
    pack = read(course)
    final = pack.lessons[course.final]
    quiz = pack.quizzes[final.meta.quiz].meta
    assert len(quiz.questions) in course.final_questions
    assert quiz.pass_mark >= 70
    assert sum(question.type == "scenario" for question in quiz.questions) >= 2
    text = " ".join(
        " ".join([question.prompt, question.story or "", *(choice.text for choice in question.choices)])
        for question in quiz.questions
    ).lower()
    assert [word for word in course.final_covers if word not in text] == [], "the final check asks nothing about"
    if course.says_the_pass_mark:
        # The words must match the pass mark the server grades with.
        needed = -(-quiz.pass_mark * len(quiz.questions) // 100)  # whole questions, rounded up
        assert f"You need {needed} right answers out of {len(quiz.questions)} to pass." in final.body


@pytest.mark.parametrize("course", COURSES)
def test_every_lesson_was_checked_on_the_day_of_writing(course):
    pack = read(course)
    for key in [*course.topics, course.final]:
        assert pack.lessons[key].meta.last_verified == CHECKED_ON, key
    if course.says_when_checked:
        assert [key for key in course.topics if CHECKED_NOTE not in pack.lessons[key].body] == []


@pytest.mark.parametrize("course", COURSES)
def test_the_certificate_is_titled_in_the_learners_language(course):
    """The certificate copies the course's title in the language it was taken in (the install test
    of tests/test_first_party_content.py checks that it does); this is that title."""
    pack = read(course)
    (only,) = pack.courses.values()
    for language, title in course.titles.items():
        if language == pack.manifest.source_language:
            assert only.meta.title == title
        else:
            assert pack.catalogues[language].get(f"{only.key}:title", only.meta.title) == title, language


@pytest.mark.parametrize("course", [param for param in COURSES if param.values[0].hotlines])
def test_the_course_gives_the_hotline_numbers(course):
    """The numbers read the same in every language: tests/test_first_party_content.py checks every pack's."""
    sources = " ".join(message.msgid for message in pack_messages(read(course)))
    assert [number for number in course.hotlines if number not in sources] == []
