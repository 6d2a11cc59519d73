"""Upgrading an installed pack: in place by key, keeping editors' translations, with a plan first."""

import re
import shutil
from io import StringIO

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from cms.contacts.models import Contact
from cms.core.translation import publish_latest_revisions
from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.learning.models import CoursePage, LessonPage
from cms.packs import importer
from cms.packs.importer import PackInstallError, install_pack
from cms.packs.models import InstalledPack, PackInstallation

pytestmark = pytest.mark.django_db

NEW_LESSON = """---
key: atlantis-arrival
title: Your first week
summary: What to do when you arrive.
minutes: 5
---
Keep your passport with you. Register with the embassy in your first week.
"""


def set_version(pack, version):
    manifest = pack / "pack.yaml"
    manifest.write_text(re.sub(r"(?m)^version: .*$", f"version: {version}", manifest.read_text()))


def replace_in(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def next_version(pack_copy, tmp_path):
    """Version 1.1.0 of the example pack: one paragraph changed, a lesson added, the contact dropped."""
    pack = tmp_path / "v2"
    shutil.copytree(pack_copy, pack)
    set_version(pack, "1.1.0")
    replace_in(
        pack / "lessons" / "contract.md", "your hours and your rest day.", "your hours, your rest day and your leave."
    )
    (pack / "lessons" / "arrival.md").write_text(NEW_LESSON)
    replace_in(
        pack / "courses" / "atlantis-course.yaml",
        "  - atlantis-contract\n",
        "  - atlantis-contract\n  - atlantis-arrival\n",
    )
    (pack / "contacts.yaml").unlink()
    return pack


def urdu():
    return Locale.objects.get(language_code="ur")


def lesson(key="atlantis-contract", language="en"):
    return LessonPage.objects.get(pack_key=key, locale__language_code=language)


def edit_translation_as_editor(page, source_text_start, new_text):
    """What wagtail-localize's editor does when a translator saves a string: their text, no tool name."""
    editor = get_user_model().objects.create_user("translator", password="x")
    translated = StringTranslation.objects.get(
        locale=urdu(), context__object_id=page.translation_key, translation_of__data__startswith=source_text_start
    )
    translated.data, translated.tool_name, translated.last_translated_by = new_text, "", editor
    translated.save()
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=urdu())
    translation.save_target(user=editor, publish=False)
    publish_latest_revisions([page.get_translation(urdu()).pk])


def test_upgrade_updates_in_place_adds_and_retires(site, pack_copy, next_version):
    install_pack(pack_copy, site)
    kept = {
        page.pack_key: page.pk
        for page in Page.objects.filter(locale__language_code="ur").specific()
        if hasattr(page, "pack_key")
    }
    section_revisions = GuideSectionPage.objects.get(locale__language_code="en").revisions.count()

    result = install_pack(next_version, site)

    assert result.written and result.plan.action == "upgrade"
    changes = {unit.key: unit.change for unit in result.plan.units}
    assert changes == {
        "atlantis-guide": "unchanged",
        "atlantis-at-a-glance": "unchanged",
        "atlantis-course": "changed",
        "atlantis-contract": "changed",
        "atlantis-arrival": "added",
        "atlantis-helpline": "removed",
    }
    # Kept items are the same rows (progress and links to them stay) with the new text.
    for key, pk in kept.items():
        assert Page.objects.get(pk=pk).specific.pack_key == key
    assert "your rest day and your leave" in str(lesson().body)
    assert GuideSectionPage.objects.get(locale__language_code="en").revisions.count() == section_revisions
    # The new lesson exists in both languages, after the first one.
    course = CoursePage.objects.get(locale=urdu())
    assert [child.specific.pack_key for child in course.get_children().live()] == [
        "atlantis-contract",
        "atlantis-arrival",
    ]
    # The dropped contact is hidden in every language, not deleted.
    assert set(Contact.objects.filter(pack_key="atlantis-helpline").values_list("live", flat=True)) == {False}
    assert Contact.objects.filter(pack_key="atlantis-helpline").count() == 2
    installed = InstalledPack.objects.get(site=site)
    assert installed.version == "1.1.0" and "atlantis-helpline" not in installed.unit_keys
    history = list(PackInstallation.objects.order_by("pk").values_list("action", "from_version", "version"))
    assert history == [("install", "", "1.0.0"), ("upgrade", "1.0.0", "1.1.0")]
    output = StringIO()
    call_command("fixtree", stdout=output)
    assert "No problems found" in output.getvalue()


def test_editors_translations_survive_and_changed_strings_fall_back(site, pack_copy, next_version):
    install_pack(pack_copy, site)
    edit_translation_as_editor(
        lesson(), "Read it before you sign.", 'دستخط سے پہلے اسے غور سے پڑھیں۔ <a id="a1">مرکز</a> سے پوچھیں۔'
    )

    install_pack(next_version, site)

    body = str(lesson(language="ur").body)
    assert "دستخط سے پہلے اسے غور سے پڑھیں۔" in body  # the editor's work is kept
    # The changed paragraph has no translation yet, so the Urdu page shows the new English text.
    assert "your rest day and your leave" in body
    assert "**تنخواہ**" not in body and "تنخواہ" not in body


def test_a_packs_new_translation_replaces_its_old_one_but_not_an_editors(site, pack_copy, next_version):
    install_pack(pack_copy, site)
    edit_translation_as_editor(lesson(), "Read it before you sign.", 'ایڈیٹر کا ترجمہ <a id="a1">مرکز</a>۔')
    po = polib.pofile(str(next_version / "locale" / "ur" / "messages.po"))
    po.find("Working in Atlantis", msgctxt="atlantis-guide:title").msgstr = "اٹلانٹس میں ملازمت"
    paragraph = next(entry for entry in po if entry.msgid.startswith("Read it before you sign."))
    paragraph.msgstr = "پیک کا نیا ترجمہ [مرکز](https://example.org/help)۔"
    po.save()

    result = install_pack(next_version, site)

    assert "atlantis-guide" in result.plan.translation_keys("ur", "changed")
    guide = CountryGuidePage.objects.get(locale=urdu())
    assert guide.title == "اٹلانٹس میں ملازمت"
    assert "ایڈیٹر کا ترجمہ" in str(lesson(language="ur").body)


def test_dry_run_prints_the_plan_and_writes_nothing(site, pack_copy, next_version):
    install_pack(pack_copy, site)
    before = (Page.objects.count(), Contact.objects.filter(live=True).count(), PackInstallation.objects.count())
    output = StringIO()
    call_command("install_pack", str(next_version), "--site", "localhost", "--dry-run", stdout=output)
    text = output.getvalue()
    assert "upgrade example.atlantis 1.1.0 over 1.0.0: 1 added, 2 changed, 1 removed, 2 unchanged" in text
    assert "added     lesson atlantis-arrival" in text and "removed   contact atlantis-helpline" in text
    assert "translations into ur: 1 added, 1 changed, 1 removed, 3 unchanged" in text
    assert "Would upgrade" in text
    assert (Page.objects.count(), Contact.objects.filter(live=True).count(), PackInstallation.objects.count()) == before
    assert InstalledPack.objects.get().version == "1.0.0"


def test_older_version_is_refused_unless_forced(site, pack_copy, next_version):
    install_pack(next_version, site)
    with pytest.raises(PackInstallError, match=r"1\.0\.0 is older"):
        install_pack(pack_copy, site)
    assert InstalledPack.objects.get().version == "1.1.0"
    result = install_pack(pack_copy, site, force=True)
    assert result.plan.action == "downgrade" and InstalledPack.objects.get().version == "1.0.0"
    assert lesson("atlantis-arrival").live is False
    assert Contact.objects.get(pack_key="atlantis-helpline", locale__language_code="ur").live


def test_removed_item_comes_back_when_a_later_version_has_it_again(site, pack_copy, next_version, tmp_path):
    install_pack(pack_copy, site)
    install_pack(next_version, site)
    third = tmp_path / "v3"
    shutil.copytree(pack_copy, third)
    set_version(third, "1.2.0")
    install_pack(third, site)
    assert Contact.objects.filter(pack_key="atlantis-helpline", live=True).count() == 2
    assert not lesson("atlantis-arrival").live and not lesson("atlantis-arrival", "ur").live


def test_reordered_lessons_are_reordered_in_every_language(site, pack_copy, next_version, tmp_path):
    install_pack(next_version, site)
    third = tmp_path / "v3"
    shutil.copytree(next_version, third)
    set_version(third, "1.2.0")
    replace_in(
        third / "courses" / "atlantis-course.yaml",
        "  - atlantis-contract\n  - atlantis-arrival\n",
        "  - atlantis-arrival\n  - atlantis-contract\n",
    )
    install_pack(third, site)
    for course in CoursePage.objects.all():
        assert [child.specific.pack_key for child in course.get_children()] == ["atlantis-arrival", "atlantis-contract"]


def test_pack_id_of_another_publisher_is_refused(site, pack_copy, next_version):
    install_pack(pack_copy, site)
    replace_in(next_version / "pack.yaml", "publisher: example", "publisher: someone-else")
    with pytest.raises(PackInstallError, match="belongs to the publisher 'example'"):
        install_pack(next_version, site)
    assert InstalledPack.objects.get().version == "1.0.0"


def test_upload_restricted_to_a_publisher_refuses_other_packs(site, pack_copy):
    with pytest.raises(PackInstallError, match="you publish as 'partner-a'"):
        install_pack(pack_copy, site, publisher="partner-a")
    assert not InstalledPack.objects.exists()


def test_failed_upgrade_leaves_the_installed_version_untouched(site, pack_copy, next_version, monkeypatch):
    install_pack(pack_copy, site)
    before = (
        str(lesson().body),
        str(lesson(language="ur").body),
        Page.objects.count(),
        Contact.objects.filter(live=True).count(),
    )

    def fail(*args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(importer._Installation, "retire", fail)
    with pytest.raises(RuntimeError):
        install_pack(next_version, site)
    after = (
        str(lesson().body),
        str(lesson(language="ur").body),
        Page.objects.count(),
        Contact.objects.filter(live=True).count(),
    )
    assert after == before
    assert InstalledPack.objects.get().version == "1.0.0" and PackInstallation.objects.count() == 1


def test_progress_keys_of_kept_items_are_stable(site, pack_copy, next_version):
    install_pack(pack_copy, site)
    before = LessonPage.objects.filter(pack_key="atlantis-contract").values_list("pk", "translation_key", "url_path")
    install_pack(next_version, site)
    after = LessonPage.objects.filter(pack_key="atlantis-contract").values_list("pk", "translation_key", "url_path")
    assert sorted(before) == sorted(after)


def test_install_command_refuses_a_downgrade(site, pack_copy, next_version):
    call_command("install_pack", str(next_version), "--site", "localhost", stdout=StringIO())
    with pytest.raises(CommandError, match="older"):
        call_command("install_pack", str(pack_copy), "--site", "localhost", stdout=StringIO())
