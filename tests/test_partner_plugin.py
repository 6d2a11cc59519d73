"""The example training-partner plugin (construction-site safety): metadata, pack, Urdu, install, pages."""

import datetime
import html
import re
import shutil

import polib
import pytest
from django.conf import settings
from wagtail.models import Locale

from cms.learning.models import CoursePage, LessonPage
from cms.plugins.checks import check_plugins
from cms.plugins.registry import get_plugin
from cms.plugins.services import enable_plugin
from course_packs import read_pack
from course_packs.messages import pack_messages
from course_packs.reader import load_pack
from course_packs.schema import QUESTION_TYPES
from course_packs.validator import validate

LABEL = "example_construction_safety"
LAST_VERIFIED = datetime.date(2026, 11, 23)
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(scope="module")
def plugin():
    return get_plugin(LABEL)


@pytest.fixture(scope="module")
def pack(plugin):
    (path,) = plugin.pack_paths
    return read_pack(path)


def untranslated(pack, language):
    """Every source string of ``pack`` without a translation into ``language``, named by file and context."""
    catalogue = pack.catalogues.get(language)
    return [
        f"{message.file} [{message.context}]: {message.msgid}"
        for message in pack_messages(pack)
        if not (catalogue and catalogue.get(message.context, message.msgid))
    ]


def test_plugin_is_discovered_with_complete_metadata(plugin):
    (entry,) = [entry for entry in settings.PLUGIN_DISCOVERY.plugins if entry.label == LABEL]
    assert entry.distribution == "rahnuma-example-construction-safety"
    assert plugin.plugin_id == "example-skills-partner.construction-safety"
    assert plugin.name.startswith("Example:")
    assert plugin.publisher == "example-skills-partner"
    assert plugin.kind == "partner"
    assert plugin.version == "1.0.1"
    assert plugin.locales == ("en", "ur")
    assert set(plugin.countries) == {"SA", "AE", "QA"}
    assert plugin.engine and len(plugin.pack_paths) == 1 and plugin.pack_paths[0].is_dir()
    assert not [error for error in check_plugins() if LABEL in error.msg]


def test_pack_validates_without_errors_or_warnings(plugin):
    (path,) = plugin.pack_paths
    checked = load_pack(path)
    validate(checked)
    assert [str(error) for error in checked.errors] == []
    assert [str(warning) for warning in checked.warnings] == []


def test_pack_is_a_labelled_example_with_four_sourced_lessons(plugin, pack):
    manifest = pack.manifest
    assert (manifest.id, manifest.publisher, manifest.version) == (plugin.plugin_id, plugin.publisher, plugin.version)
    assert manifest.source_language == "en" and manifest.languages == ["en", "ur"]
    assert "example" in manifest.title.lower()
    assert pack.guide is None and not pack.contacts
    (course,) = pack.courses.values()
    assert course.meta.title == "Construction-site safety for Gulf jobs"
    assert course.meta.summary.startswith("An example course from a fictional")
    assert len(course.meta.lessons) == 4
    for key in course.meta.lessons:
        lesson = pack.lessons[key].meta
        assert lesson.last_verified == LAST_VERIFIED, key
        assert len(lesson.sources) >= 3, key
        questions = pack.quizzes[lesson.quiz].meta.questions
        assert sorted(question.type for question in questions) == sorted(QUESTION_TYPES), lesson.quiz
        for question in questions:
            assert all(choice.feedback for choice in question.choices), f"{lesson.quiz}:{question.key}"


def test_every_source_string_has_an_urdu_translation(pack):
    assert untranslated(pack, "ur") == []
    catalogue = pack.catalogues["ur"]
    for message in pack_messages(pack):
        translation = catalogue.get(message.context, message.msgid)
        # Phone numbers are the same in every language; every other string must be in Urdu script.
        if not message.msgid.isdigit():
            assert ARABIC_SCRIPT.search(translation), f"{message.context}: {translation!r} is not Urdu"


def test_a_missing_translation_is_reported_by_file_and_context(pack, tmp_path):
    copy = tmp_path / "pack"
    shutil.copytree(pack.root, copy)
    quizzes = copy / "locale" / "ur" / "quizzes.po"
    po = polib.pofile(str(quizzes))
    dropped = next(entry for entry in po if entry.msgctxt == "cs-heat-check:q4.story")
    po.remove(dropped)
    po.save(str(quizzes))
    assert untranslated(read_pack(copy), "ur") == [
        f"quizzes/cs-heat-check.yaml [cs-heat-check:q4.story]: {dropped.msgid}"
    ]


@pytest.mark.django_db
def test_enabling_installs_the_course_in_english_and_urdu(plugin, pack, site):
    enable_plugin(plugin, site)
    (course,) = pack.courses.values()
    ur = Locale.objects.get(language_code="ur")
    catalogue = pack.catalogues["ur"]
    english_course = CoursePage.objects.get(pack_key=course.key, locale__language_code="en")
    assert english_course.get_translation(ur).title == catalogue.get(f"{course.key}:title", course.meta.title)
    for key in course.meta.lessons:
        english = LessonPage.objects.get(pack_key=key, locale__language_code="en")
        urdu = english.get_translation(ur)
        assert english.live and urdu.live, key
        assert urdu.title == catalogue.get(f"{key}:title", pack.lessons[key].meta.title)


@pytest.mark.django_db
def test_the_urdu_lesson_page_shows_urdu_text(plugin, pack, site, client):
    enable_plugin(plugin, site)
    urdu = LessonPage.objects.get(pack_key="cs-heat-stress", locale__language_code="ur")
    assert urdu.url.startswith("/ur/")
    response = client.get(urdu.url)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert '<html lang="ur" dir="rtl">' in page
    assert "<h1>گرمی، اور گرمیوں میں دوپہر کے کام پر پابندی</h1>" in page
    assert "ہیٹ اسٹروک (لُو لگنا) ایک ایمرجنسی ہے۔" in page
    assert "سعودی عرب میں گرمیوں میں کھلی دھوپ میں کام کب منع ہے؟" in page  # the quiz, translated
    assert "Every summer, the Gulf countries ban work" not in page  # no English fallback
