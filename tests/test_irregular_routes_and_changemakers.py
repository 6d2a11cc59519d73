"""The promised content of the irregular-routes and changemakers plugins (issue 10, items 2 and 6).

What every first-party pack promises is checked for these two by tests/test_first_party_content.py:
quiz answers and feedback, sources present, the readability budget of lessons and guide sections,
complete translations, Punjabi that is not Urdu, numbers the same in every language, and the one
install of each pack, which renders every page in every language and takes the changemaker course
to its certificate. These check what the two packs must say: the topics, the day the facts were
checked, the languages, the shape of the changemaker course, and the readability budget kept by
every text they carry.
"""

import datetime
import re
import shutil

import pytest

from cms.plugins.registry import installed_plugins
from course_packs import read_pack
from course_packs.errors import PackInvalid
from course_packs.messages import pack_messages
from course_packs.readability import paragraph_problems
from search.lexicon import load_file

CHECKED_ON = datetime.date(2026, 12, 3)


def _plugin(label):
    return next(plugin for plugin in installed_plugins() if plugin.label == label)


@pytest.fixture(scope="module")
def routes_pack():
    return read_pack(_plugin("irregular_routes").pack_paths[0])


@pytest.fixture(scope="module")
def changemakers_pack():
    return read_pack(_plugin("changemakers").pack_paths[0])


def test_the_routes_guide_covers_the_promised_topics(routes_pack):
    sections = routes_pack.sections.values()
    topics = [section.meta.topic for section in sections]
    assert {"irregular-routes", "return", "legal-route", "help-contacts"} <= set(topics)
    assert topics.count("scams") == 2  # the UK care visas and Italy's quotas
    bodies = " ".join(section.body for section in sections)
    for fact in ("Pylos", "Gavdos", "certificate of sponsorship", "nulla osta", "decreto flussi", "2018"):
        assert fact in bodies, fact


def test_every_routes_section_and_contact_was_checked_on_the_day_of_writing(routes_pack):
    for section in routes_pack.sections.values():
        assert section.meta.last_verified == CHECKED_ON, section.key
        assert "stored public copies" in section.body, section.key
    for contact in routes_pack.contacts.values():
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
        assert changemakers_pack.lessons[key].meta.last_verified == CHECKED_ON, key


def test_every_changemaker_lesson_ends_with_a_short_check_with_a_scenario(changemakers_pack):
    """The course has no longer final check: its last lesson's check too has 3 to 5 questions."""
    for lesson in changemakers_pack.lessons.values():
        quiz = changemakers_pack.quizzes[lesson.meta.quiz].meta
        assert 3 <= len(quiz.questions) <= 5, lesson.key
        assert any(question.type == "scenario" for question in quiz.questions), lesson.key


@pytest.mark.parametrize("pack_fixture", ["routes_pack", "changemakers_pack"])
def test_the_pack_comes_in_english_urdu_and_punjabi(pack_fixture, request):
    assert request.getfixturevalue(pack_fixture).manifest.languages == ["en", "ur", "pnb"]


@pytest.mark.parametrize("pack_fixture", ["routes_pack", "changemakers_pack"])
def test_every_text_keeps_to_the_readability_budget_in_every_language(pack_fixture, request):
    """Titles, quiz questions, answers and feedback, and contacts too: more than the contract's check
    of lessons and guide sections, which older packs' course summaries do not meet yet."""
    pack = request.getfixturevalue(pack_fixture)
    source = pack.manifest.source_language
    problems = []
    for message in pack_messages(pack):
        for language in [source, *pack.translation_languages]:
            catalogue = pack.catalogues.get(language)
            text = catalogue.get(message.context, message.msgid) if catalogue else message.msgid
            where = f"{message.file}:{message.line} [{message.context}] {language}"
            problems += [f"{where}: {problem}" for problem in paragraph_problems(text, language)]
    assert problems == []


def test_the_routes_lexicon_knows_the_place_names():
    package = _plugin("irregular_routes").pack_paths[0].parents[1]
    entries = load_file(package / "lexicon.yaml")
    assert "لیبیا" in entries["libya"].spellings["ur"]
    assert "یونان" in entries["greece"].spellings["ur"]
    assert "itli" in entries["italy"].spellings["roman"]
