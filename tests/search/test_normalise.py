"""Urdu, Shahmukhi and Latin text folded the same way at index and query time (search.normalise)."""

import doctest

import pytest

import search.normalise
from search.normalise import analyse, index_text, is_latin, normalise, stem


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("كتاب", "کتاب"),  # Arabic kaf to keheh
        ("سعودي", "سعودی"),  # Arabic yeh to Urdu yeh
        ("مصطفى", "مصطفی"),  # alef maksura to Urdu yeh
        ("مدرسه", "مدرسہ"),  # Arabic heh to heh goal
        ("مدرسة", "مدرسہ"),  # teh marbuta to heh goal
        ("ادارۂ", "ادارہ"),  # heh goal with hamza
        ("أحمد إمام آدمی", "احمد امام ادمی"),  # alef with hamza or madda
        ("لئے", "لیے"),  # hamza on yeh, written both ways
        ("کَفالَت", "کفالت"),  # harakat
        ("کفــالت", "کفالت"),  # tatweel
        ("پاکستانی\u200cشہری", "پاکستانی شہری"),  # zero-width non-joiner separates
        ("ویز\u200dا", "ویزا"),  # zero-width joiner disappears
        ("۲۰۲۵ ٣", "2025 3"),  # Urdu and Arabic-Indic digits
        ("سوال؟ جواب۔ ہاں، نہیں", "سوال جواب ہاں نہیں"),  # Urdu punctuation
        ("Bürö ÉMIGRATION façade", "buro emigration facade"),  # Latin diacritics and case
        ("Cafe\u0301", "cafe"),  # a combining accent typed separately
        ("پاسپورٹ Ṣaudī Résumé", "پاسپورٹ saudi resume"),  # Latin marks in Urdu text; Urdu left as it is
        ("vi\u034fsa", "visa"),  # the combining grapheme joiner, a mark of class 0, goes with its block
        ("ＶＩＳＡ", "visa"),  # full-width Latin
        ("STRASSE straße", "strasse strasse"),  # casefold
        ("  many   spaces\n", "many spaces"),
    ],
)
def test_folding(typed, folded):
    assert normalise(typed) == folded


@pytest.mark.parametrize("kept", ["ے", "ھ", "ٹ", "ڈ", "ڑ", "ݨ", "ڙ", "ں"])
def test_letters_that_carry_meaning_stay_distinct(kept):
    assert normalise(kept) == kept


def test_analysis_splits_words_and_trims_english_plurals_only():
    assert analyse("Workers' visas, agencies & boxes") == ["worker", "visa", "agency", "boxe"]
    assert analyse("status glass bus") == ["status", "glass", "bus"]
    assert analyse("کارکنوں کے حقوق") == ["کارکنوں", "کے", "حقوق"]
    assert index_text("Saudi  ARABIA\nvisas") == "saudi arabia visa"
    assert stem("ksa") == "ksa" and stem("19911") == "19911"


def test_script_detection():
    assert is_latin("visa") and is_latin("visa2")
    assert not is_latin("ویزا") and not is_latin("2025")


def test_examples_in_the_docstrings():
    assert doctest.testmod(search.normalise).failed == 0
