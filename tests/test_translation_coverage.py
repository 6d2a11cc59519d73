"""Translation coverage of installed packs, and translations gone out of date when the source changed."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from cms.learning.models import LessonPage
from cms.packs.coverage import pack_coverage
from cms.packs.importer import install_pack
from cms.packs.models import InstalledPack
from cms.packs.translation_files import import_translations, translations_po

pytestmark = pytest.mark.django_db

OLD_PARAGRAPH = "Your contract says your <b>wage</b>, your hours and your rest day."
NEW_PARAGRAPH = "Your contract says your <b>wage</b>, your hours, your rest day and your leave."
OLD_URDU = "آپ کے معاہدے میں آپ کی <b>تنخواہ</b>، کام کے گھنٹے اور چھٹی کا دن لکھا ہوتا ہے۔"


@pytest.fixture
def record(site, three_language_pack):
    install_pack(three_language_pack, site)
    return InstalledPack.objects.get(site=site)


def by_language(record):
    return {coverage.locale.language_code: coverage for coverage in pack_coverage(record)}


def change_source(title: str, paragraph: str):
    """What an upgrade or an editor does: change the English lesson, publish it, refresh its translation source."""
    lesson = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en")
    lesson.title = title
    for block in lesson.body:
        if block.block_type == "rich_text":
            block.value.source = block.value.source.replace(OLD_PARAGRAPH, paragraph)
    lesson.save_revision().publish()
    TranslationSource.update_or_create_from_instance(lesson)


def test_a_fully_translated_pack_and_an_untranslated_language(record):
    coverage = by_language(record)
    assert list(coverage) == ["ur", "pnb"]  # the pack's order, without the source language
    urdu, punjabi = coverage["ur"], coverage["pnb"]
    # Every segment of the five pages and the contact: the example pack translates all of them into Urdu.
    assert urdu.total == 34 and urdu.translated == 34 and urdu.share == 1
    assert punjabi.total == 34 and punjabi.translated == 0 and punjabi.share == 0
    assert urdu.outdated == [] and punjabi.outdated == []  # never translated is not out of date


def test_changed_source_strings_are_out_of_date_with_their_previous_translation(record):
    change_source("Your work contract", NEW_PARAGRAPH)
    urdu = by_language(record)["ur"]
    assert (urdu.total, urdu.translated) == (34, 32)
    outdated = {entry.source_text: entry for entry in urdu.outdated}
    assert set(outdated) == {"Your work contract", NEW_PARAGRAPH}
    assert outdated["Your work contract"].previous == ["آپ کا معاہدہ"]
    assert outdated[NEW_PARAGRAPH].previous == [OLD_URDU]  # not the other paragraph of the same block
    entry = outdated[NEW_PARAGRAPH]
    assert entry.item.pack_key == "atlantis-contract" and entry.item.locale.language_code == "en"
    assert entry.translated_item.locale.language_code == "ur" and entry.translated_item.pk != entry.item.pk
    punjabi = by_language(record)["pnb"]
    assert punjabi.outdated == [] and punjabi.total == 34


def test_a_new_translation_brings_the_string_up_to_date(record):
    change_source("Your work contract", NEW_PARAGRAPH)
    po = translations_po(record, "ur")
    # The download offers the new texts untranslated, though the Urdu page still shows the old translations.
    assert 'msgid "Your work contract"\nmsgstr ""' in po
    assert 'msgid "Your contract says your **wage**, your hours, your rest day and your leave."\nmsgstr ""' in po
    assert LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="ur").title == "آپ کا معاہدہ"
    po = po.replace('msgid "Your work contract"\nmsgstr ""', 'msgid "Your work contract"\nmsgstr "ملازمت کا معاہدہ"')
    import_translations(record, "ur", po, user=User.objects.create_user("translator"))
    urdu = by_language(record)["ur"]
    assert (urdu.translated, urdu.total) == (33, 34)
    assert [entry.source_text for entry in urdu.outdated] == [NEW_PARAGRAPH]


def test_a_removed_string_is_not_reported(record):
    change_source("Your contract", "")  # the paragraph is gone; its old translation stays stored
    urdu = by_language(record)["ur"]
    assert urdu.outdated == [] and (urdu.translated, urdu.total) == (33, 33)


def test_coverage_page_shows_shares_and_outdated_translations(client, record, django_user_model):
    change_source("Your work contract", NEW_PARAGRAPH)
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    response = client.get(reverse("rahnuma_packs:coverage", args=[record.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "32 / 34" in page and "94%" in page and "0 / 34" in page
    assert "Out of date in Urdu" in page and "Out of date in Punjabi" not in page
    assert "Your work contract" in page and "آپ کا معاہدہ" in page
    assert "your rest day and your leave." in page  # the new text, without its markup
    urdu_lesson = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="ur")
    assert reverse("wagtailadmin_pages:edit", args=[urdu_lesson.pk]) in page
