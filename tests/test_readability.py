"""The readability budget (course_packs.readability): sentences, words, and what goes over budget."""

import pytest

from course_packs import read_pack
from course_packs.readability import (
    ENGLISH_BUDGET,
    NASTALIQ_BUDGET,
    budget_for,
    check_pack,
    paragraph_problems,
    plain_text,
    sentences,
    word_count,
)


def test_english_sentences_end_at_full_stops_before_a_capital_or_digit():
    text = "Keep your passport. Do not give it away! Ask why? 5 people did. The fee is Rs 1.5 lakh, e.g. Rs 150,000."
    assert sentences(text, "en") == [
        "Keep your passport.",
        "Do not give it away!",
        "Ask why?",
        "5 people did.",
        "The fee is Rs 1.5 lakh, e.g. Rs 150,000.",
    ]


def test_urdu_sentences_end_at_the_urdu_full_stop_and_question_mark():
    text = "اپنا پاسپورٹ اپنے پاس رکھیں۔ کیا ایجنٹ کے پاس لائسنس ہے؟ پوچھ لیں!"
    assert sentences(text, "ur") == ["اپنا پاسپورٹ اپنے پاس رکھیں۔", "کیا ایجنٹ کے پاس لائسنس ہے؟", "پوچھ لیں!"]


def test_words_are_runs_of_letters_or_digits_and_links_count_by_their_text():
    assert word_count("Call 1950 – now, or visit the office .") == 7  # the dash and the lone stop are no words
    assert plain_text("See **the** [Protector office](https://beoe.gov.pk/a/very/long/path) now") == (
        "See the Protector office now"
    )
    assert plain_text("Open https://www.qiwa.sa/en today") == "Open link today"


def test_each_language_has_its_budget():
    assert budget_for("en") == ENGLISH_BUDGET == budget_for("xx")  # unknown languages get the English one
    assert budget_for("ur") == budget_for("pnb") == NASTALIQ_BUDGET
    assert NASTALIQ_BUDGET.sentence_words > ENGLISH_BUDGET.sentence_words


def test_a_paragraph_within_budget_has_no_problem():
    sentence = " ".join(["word"] * ENGLISH_BUDGET.sentence_words) + "."
    paragraph = " ".join([sentence.capitalize()] * ENGLISH_BUDGET.paragraph_sentences)
    assert paragraph_problems(paragraph, "en") == []


def test_a_sentence_over_budget_is_named_with_its_length():
    long_sentence = "Word " + " ".join(["word"] * ENGLISH_BUDGET.sentence_words) + "."
    (problem,) = paragraph_problems(f"Short one. {long_sentence}", "en")
    assert problem.startswith(f"a sentence of {ENGLISH_BUDGET.sentence_words + 1} words; the budget is 30")
    assert "'Word word" in problem


def test_urdu_is_measured_against_its_own_budget():
    within = " ".join(["لفظ"] * NASTALIQ_BUDGET.sentence_words) + "۔"
    over = " ".join(["لفظ"] * (NASTALIQ_BUDGET.sentence_words + 1)) + "۔"
    assert paragraph_problems(within, "ur") == []
    assert paragraph_problems(within, "en") != []  # 40 words is too long in English
    (problem,) = paragraph_problems(over, "pnb")
    assert f"a sentence of {NASTALIQ_BUDGET.sentence_words + 1} words" in problem


def test_a_paragraph_of_too_many_sentences_is_named():
    paragraph = " ".join(f"Sentence {n}." for n in range(ENGLISH_BUDGET.paragraph_sentences + 1))
    assert paragraph_problems(paragraph, "en") == ["a paragraph of 6 sentences; the budget is 5: split it"]


@pytest.fixture
def long_winded_pack(pack_copy):
    """The example pack with one long English paragraph in its lesson and one long Urdu translation."""
    lesson = pack_copy / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text() + "\n" + "One. Two. Three. Four. Five. Six.\n")
    long_urdu = " ".join(["لفظ"] * 41) + "۔"
    with (pack_copy / "locale" / "ur" / "messages.po").open("a") as po:
        po.write(
            f'\nmsgctxt "atlantis-contract:body"\nmsgid "One. Two. Three. Four. Five. Six."\nmsgstr "{long_urdu}"\n'
        )
    return pack_copy


def test_the_example_pack_keeps_to_the_budget(pack_copy):
    assert check_pack(read_pack(pack_copy)) == []


def test_a_pack_over_budget_is_named_by_file_field_line_and_language(long_winded_pack):
    problems = check_pack(read_pack(long_winded_pack))
    assert [(p.file, p.field, p.message.split(":")[0]) for p in problems] == [
        ("lessons/contract.md", "body", "en"),
        ("lessons/contract.md", "body", "ur"),
    ]
    english, urdu = problems
    assert english.line is not None and "a paragraph of 6 sentences" in english.message
    assert urdu.line == english.line and "a sentence of 41 words; the budget is 40" in urdu.message
