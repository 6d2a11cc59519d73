"""Translating H5P activities: the semantics walk, wagtail-localize's segments and PO round trip, and tokens."""

import json

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from cms.h5p.build import LIBRARIES, package_files
from cms.h5p.models import ContentText, Library
from cms.h5p.semantics import text_fields, tokens_match, with_texts
from cms.h5p.storage import store_package
from cms.h5p.tokens import player_token
from cms.h5p.translation import parameters_in
from tests.h5p_helpers import h5p_root as h5p_root
from tests.h5p_helpers import write_zip

SINGLE_CHOICE_SEMANTICS = json.loads((LIBRARIES / "Rahnuma.SingleChoiceQuestion-1.1" / "semantics.json").read_text())
PARAMS = {
    "question": "Who may recruit you?",
    "answers": [
        {"text": "A licensed OEP", "correct": True, "feedback": "Right."},
        {"text": "A travel agent", "correct": False, "feedback": "No."},
    ],
    "scoreText": "You got @score of @total.",
}
URDU = {
    "parameters.question": "آپ کو کون بھرتی کر سکتا ہے؟",
    "parameters.answers.0.text": "لائسنس یافتہ اوورسیز ایمپلائمنٹ پروموٹر (OEP)",
    "parameters.answers.0.feedback": "درست۔",
    "parameters.answers.1.text": "ٹریول ایجنٹ",
    "parameters.answers.1.feedback": "نہیں۔",
    "parameters.scoreText": "آپ کے @total میں سے @score جواب درست ہیں۔",
}


def test_the_walk_finds_every_text_field_by_its_path():
    found = list(text_fields(SINGLE_CHOICE_SEMANTICS, PARAMS, lambda library: None))
    assert found == [
        ("question", "Who may recruit you?"),
        ("answers.0.text", "A licensed OEP"),
        ("answers.0.feedback", "Right."),
        ("answers.1.text", "A travel agent"),
        ("answers.1.feedback", "No."),
        ("scoreText", "You got @score of @total."),
    ]


def test_the_walk_enters_sub_content_and_groups_of_one_field():
    semantics = [
        {"name": "intro", "type": "group", "fields": [{"name": "text", "type": "text"}]},
        {"name": "task", "type": "library", "options": ["H5P.Blanks 1.14"]},
        {"name": "count", "type": "number"},
    ]
    blanks = [{"name": "text", "type": "text"}]
    params = {"intro": "Read this.", "task": {"library": "H5P.Blanks 1.14", "params": {"text": "Pay *Rs 15000* only."}}}
    found = list(text_fields(semantics, {**params, "count": 3}, lambda library: blanks))
    assert found == [("intro", "Read this."), ("task.params.text", "Pay *Rs 15000* only.")]


@pytest.mark.parametrize(
    ("source", "translation", "kept"),
    [
        ("You got @score of @total.", "آپ کے @total میں سے @score درست ہیں۔", True),
        ("You got @score of @total.", "آپ کا اسکور @score ہے۔", False),
        ("Pay *Rs 15000* only.", "صرف *15000 روپے* ادا کریں۔", True),
        ("Pay *Rs 15000* only.", "صرف 15000 روپے ادا کریں۔", False),
    ],
)
def test_h5p_tokens_must_survive_a_translation(source, translation, kept):
    assert tokens_match(source, translation) is kept
    translated = with_texts({"text": source}, {"text": translation})["text"]
    assert translated == (translation if kept else source)


@pytest.fixture
def single_choice(site, tmp_path, h5p_root):
    h5p = {
        "title": "Recruiters",
        "language": "en",
        "mainLibrary": "Rahnuma.SingleChoiceQuestion",
        "embedTypes": ["div"],
    }
    return store_package(write_zip(tmp_path / "sc.h5p", package_files(h5p, PARAMS)))


@pytest.mark.django_db
def test_a_po_round_trip_serves_the_translated_content_json(single_choice):
    source_text = ContentText.objects.get(content=single_choice, locale__language_code="en")
    source, _ = TranslationSource.get_or_create_from_instance(source_text)
    urdu = Locale.objects.get(language_code="ur")
    translation = Translation.objects.create(source=source, target_locale=urdu)
    po = translation.export_po()
    assert {entry.msgctxt: entry.msgid for entry in po} == {
        f"parameters.{path}": text for path, text in text_fields(SINGLE_CHOICE_SEMANTICS, PARAMS, lambda _: None)
    }
    for entry in po:
        entry.msgstr = URDU[entry.msgctxt]
    po.metadata.pop("X-WagtailLocalize-TranslationID", None)
    assert translation.import_po(po) == []
    translation.save_target()

    params = parameters_in(single_choice, "ur")
    assert params["question"] == "آپ کو کون بھرتی کر سکتا ہے؟"
    assert params["answers"][1] == {"text": "ٹریول ایجنٹ", "correct": False, "feedback": "نہیں۔"}
    assert params["scoreText"] == "آپ کے @total میں سے @score جواب درست ہیں۔"
    assert parameters_in(single_choice, "pnb") == PARAMS  # no Punjabi yet: the source

    Library.objects.update(approved_at=timezone.now())
    token = player_token(single_choice, "ur", "http://testserver")
    served = Client().get(f"/h5p/content/{token}/content/content.json", HTTP_HOST="h5p.localhost:8000")
    assert served.json()["question"] == "آپ کو کون بھرتی کر سکتا ہے؟"


@pytest.mark.django_db
def test_a_translation_that_drops_a_token_keeps_the_source_text(single_choice):
    source_text = ContentText.objects.get(content=single_choice)
    source, _ = TranslationSource.get_or_create_from_instance(source_text)
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="ur"))
    po = translation.export_po()
    for entry in po:
        entry.msgstr = "آپ کا اسکور @score ہے۔" if entry.msgctxt == "parameters.scoreText" else URDU[entry.msgctxt]
    po.metadata.pop("X-WagtailLocalize-TranslationID", None)
    translation.import_po(po)
    translation.save_target()
    params = parameters_in(single_choice, "ur")
    assert params["scoreText"] == "You got @score of @total."
    assert params["question"] == "آپ کو کون بھرتی کر سکتا ہے؟"
