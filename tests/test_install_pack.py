"""Installing a pack: source pages, wagtail-localize translations, idempotence, all or nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from cms.contacts.models import Contact
from cms.guides.models import GuideSectionPage
from cms.learning.models import LessonPage
from cms.packs import importer
from cms.packs.importer import PackInstallError, install_pack
from cms.packs.models import InstalledPack, PackInstallation
from course_packs import PackInvalid

pytestmark = pytest.mark.django_db


def content_counts():
    return (
        Page.objects.count(),
        Contact.objects.count(),
        Translation.objects.count(),
        InstalledPack.objects.count(),
        PackInstallation.objects.count(),
    )


def test_install_creates_source_pages_and_translations(site, pack_copy):
    result = install_pack(pack_copy, site)
    assert result.written and result.plan.action == "install"
    assert [(unit.kind, unit.change) for unit in result.plan.units] == [
        ("guide", "added"), ("section", "added"), ("course", "added"), ("lesson", "added"), ("contact", "added")
    ]  # fmt: skip
    ur = Locale.objects.get(language_code="ur")
    lesson = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en")
    urdu = lesson.get_translation(ur)
    assert urdu.live and urdu.title == "آپ کا معاہدہ"
    assert urdu.pack_key == "atlantis-contract" and urdu.slug == lesson.slug
    # The translation is a real wagtail-localize translation that editors can keep working on.
    assert Translation.objects.filter(source__object_id=lesson.translation_key, target_locale=ur).exists()
    body = str(urdu.body)
    assert "<b>تنخواہ</b>" in body
    assert 'href="https://example.org/help"' in body  # the link survives translation
    quiz = next(block for block in urdu.body if block.block_type == "quiz")
    assert quiz.value["questions"][0]["prompt"] == "آپ کو اپنا معاہدہ کب پڑھنا چاہیے؟"
    contact = Contact.objects.get(pack_key="atlantis-helpline", locale=ur)
    assert contact.organisation == "اٹلانٹس مزدور ہیلپ لائن" and contact.phones == "+000 123 4567"


def test_tree_is_sound_after_install(site, pack_copy):
    install_pack(pack_copy, site)
    output = StringIO()
    call_command("fixtree", stdout=output)
    assert "No problems found" in output.getvalue()


def test_reinstalling_changes_nothing(site, pack_copy):
    install_pack(pack_copy, site)
    before = content_counts()
    revisions = GuideSectionPage.objects.get(locale__language_code="en").revisions.count()
    result = install_pack(pack_copy, site)
    assert not result.written
    assert content_counts() == before
    assert GuideSectionPage.objects.get(locale__language_code="en").revisions.count() == revisions


def test_changed_content_under_the_same_version_is_refused(site, pack_copy):
    install_pack(pack_copy, site)
    lesson = pack_copy / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text() + "\nOne more paragraph.\n")
    with pytest.raises(PackInstallError, match="different content"):
        install_pack(pack_copy, site)


def test_invalid_pack_writes_nothing(site, pack_copy):
    before = content_counts()
    (pack_copy / "lessons" / "contract.md").write_text("---\nkey: broken\n---\n<script>x</script>\n")
    with pytest.raises(PackInvalid):
        install_pack(pack_copy, site)
    assert content_counts() == before


def test_failure_halfway_through_leaves_nothing(site, pack_copy, monkeypatch):
    before = content_counts()

    def fail(*args):
        raise RuntimeError("disk full")

    # Fail after the guide and courses exist, before contacts and translations.
    monkeypatch.setattr(importer._Installation, "write_contact", fail)
    with pytest.raises(RuntimeError):
        install_pack(pack_copy, site)
    assert content_counts() == before
    assert not GuideSectionPage.objects.exists()


def test_install_command(site, pack_copy):
    output = StringIO()
    call_command("install_pack", str(pack_copy), "--site", "localhost", stdout=output)
    assert "Installed example.atlantis 1.0.0" in output.getvalue()
    call_command("install_pack", str(pack_copy), "--site", "localhost", stdout=output)
    assert "already installed; nothing changed" in output.getvalue()
    with pytest.raises(CommandError, match="no site has the host name"):
        call_command("install_pack", str(pack_copy), "--site", "nowhere.example")


def test_install_command_reports_invalid_pack(site, pack_copy):
    (pack_copy / "pack.yaml").write_text(
        (pack_copy / "pack.yaml").read_text().replace("version: 1.0.0", "version: one")
    )
    with pytest.raises(CommandError, match=r"pack.yaml:3 \[version\]"):
        call_command("install_pack", str(pack_copy), "--site", "localhost")


def test_keys_already_used_by_another_pack_are_refused(site, pack_copy, tmp_path):
    import shutil

    install_pack(pack_copy, site)
    other = tmp_path / "other"
    shutil.copytree(pack_copy, other)
    (other / "pack.yaml").write_text(
        (other / "pack.yaml").read_text().replace("id: example.atlantis", "id: other.atlantis")
    )
    before = content_counts()
    with pytest.raises(PackInstallError, match="atlantis-course, atlantis-guide"):
        install_pack(other, site)
    assert content_counts() == before
