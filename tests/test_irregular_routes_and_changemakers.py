"""The promised content of the irregular-routes and changemakers plugins (issue 10, items 2 and 6).

The contract tests in test_first_party_plugins.py install and render every pack; these check what
the two packs must say: the topics, sources and dates, complete Urdu and Punjabi translations, the quiz shape
and the readability budget (no sentence in the English source longer than 30 words).
"""

import datetime
import re
import shutil

import pytest

from cms.plugins.registry import installed_plugins
from course_packs import read_pack
from course_packs.errors import PackInvalid
from course_packs.messages import pack_messages
from search.lexicon import load_file

CHECKED_ON = datetime.date(2026, 12, 3)
MAX_SENTENCE_WORDS = 30
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _plugin(label):
    return next(plugin for plugin in installed_plugins() if plugin.label == label)


@pytest.fixture(scope="module")
def routes_pack():
    return read_pack(_plugin("irregular_routes").pack_paths[0])


@pytest.fixture(scope="module")
def changemakers_pack():
    return read_pack(_plugin("changemakers").pack_paths[0])


def _long_sentences(pack):
    """Sentences of the pack's English text over the budget, with where they are."""
    found = []
    for message in pack_messages(pack):
        text = re.sub(r"\]\([^)]*\)", "]", message.msgid)  # a link's address is not read aloud
        for sentence in SENTENCE_END.split(text):
            if len(sentence.split()) > MAX_SENTENCE_WORDS:
                found.append(f"{message.file}:{message.line} {sentence}")
    return found


def _untranslated(pack, language):
    catalogue = pack.catalogues[language]
    return [
        f"{message.file} [{message.context}] {message.msgid[:60]}"
        for message in pack_messages(pack)
        if not catalogue.get(message.context, message.msgid)
    ]


def test_the_routes_guide_covers_the_promised_topics(routes_pack):
    sections = routes_pack.sections.values()
    topics = [section.meta.topic for section in sections]
    assert {"irregular-routes", "return", "legal-route", "help-contacts"} <= set(topics)
    assert topics.count("scams") == 2  # the UK care visas and Italy's quotas
    bodies = " ".join(section.body for section in sections)
    for fact in ("Pylos", "Gavdos", "certificate of sponsorship", "nulla osta", "decreto flussi", "2018"):
        assert fact in bodies, fact


def test_every_routes_section_and_contact_is_sourced_and_dated(routes_pack):
    for section in routes_pack.sections.values():
        assert section.meta.sources, section.key
        assert section.meta.last_verified == CHECKED_ON, section.key
        assert "stored public copies" in section.body, section.key
    for contact in routes_pack.contacts.values():
        assert contact.meta.source.url, contact.key
        assert contact.meta.last_verified == CHECKED_ON, contact.key
        assert contact.meta.country == "PK", contact.key


def test_the_uk_section_cites_gov_uk(routes_pack):
    (uk,) = [section for section in routes_pack.sections.values() if section.key == "ir-uk-care-scams"]
    assert any(source.url.host in ("www.gov.uk", "gov.uk") for source in uk.meta.sources)


def test_a_guide_needs_a_country_which_is_why_the_routes_pack_names_italy(routes_pack, tmp_path):
    assert routes_pack.manifest.country == "IT"
    copy = tmp_path / "irregular-routes"
    shutil.copytree(routes_pack.root, copy)
    manifest = copy / "pack.yaml"
    manifest.write_text(re.sub(r"(?m)^country: IT\n", "", manifest.read_text()))
    with pytest.raises(PackInvalid) as invalid:
        read_pack(copy)
    assert [(error.file, error.field) for error in invalid.value.errors] == [("pack.yaml", "country")]


def test_the_changemaker_course_has_the_six_promised_lessons(changemakers_pack):
    (course,) = changemakers_pack.courses.values()
    assert course.meta.lessons == [
        "cm-running-a-session",
        "cm-key-messages",
        "cm-when-you-do-not-know",
        "cm-referral",
        "cm-safeguarding",
        "cm-reporting",
    ]
    assert changemakers_pack.manifest.country is None
    for key in course.meta.lessons:
        lesson = changemakers_pack.lessons[key]
        assert lesson.meta.sources and lesson.meta.last_verified == CHECKED_ON, key


def test_every_changemaker_lesson_ends_with_a_check_with_a_scenario(changemakers_pack):
    for lesson in changemakers_pack.lessons.values():
        quiz = changemakers_pack.quizzes[lesson.meta.quiz].meta
        assert 3 <= len(quiz.questions) <= 5, lesson.key
        assert any(question.type == "scenario" for question in quiz.questions), lesson.key


@pytest.mark.parametrize("pack_fixture", ["routes_pack", "changemakers_pack"])
def test_everything_is_translated_into_urdu_and_punjabi(pack_fixture, request):
    pack = request.getfixturevalue(pack_fixture)
    assert pack.manifest.languages == ["en", "ur", "pnb"]
    assert _untranslated(pack, "ur") == []
    assert _untranslated(pack, "pnb") == []


@pytest.mark.parametrize("pack_fixture", ["routes_pack", "changemakers_pack"])
def test_no_sentence_is_over_the_readability_budget(pack_fixture, request):
    assert _long_sentences(request.getfixturevalue(pack_fixture)) == []


def test_the_budget_check_finds_a_long_sentence(routes_pack, tmp_path):
    copy = tmp_path / "irregular-routes"
    shutil.copytree(routes_pack.root, copy)
    section = copy / "guide" / "02-sea-route.md"
    long_sentence = "This sentence " + "goes on and on " * 10 + "until nobody can follow it."
    section.write_text(section.read_text() + f"\n{long_sentence}\n")
    (found,) = _long_sentences(read_pack(copy))
    assert found.startswith("guide/02-sea-route.md:")


def test_the_routes_lexicon_knows_the_place_names():
    package = _plugin("irregular_routes").pack_paths[0].parents[1]
    entries = load_file(package / "lexicon.yaml")
    assert "لیبیا" in entries["libya"].spellings["ur"]
    assert "یونان" in entries["greece"].spellings["ur"]
    assert "itli" in entries["italy"].spellings["roman"]
