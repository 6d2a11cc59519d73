"""Translating installed packs in the admin: the pack list, PO download and upload, permissions, commands."""

from io import StringIO

import polib
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import StringTranslation

from cms.contacts.models import Contact
from cms.learning.models import LessonPage
from cms.packs.importer import install_pack
from cms.packs.models import InstalledPack
from cms.partners.setup import create_partner
from tests.localize_editing import translate_as_editor

pytestmark = pytest.mark.django_db

TITLE = ("atlantis-contract:title", "Your contract")
WAGE = ("atlantis-contract:body", "Your contract says your **wage**, your hours and your rest day.")
LINKED = (
    "atlantis-contract:body",
    "Read it before you sign. Ask at the [resource centre](https://example.org/help) if you are not sure.",
)
HOURS = ("atlantis-helpline:hours", "Every day, 8:00 to 20:00")


@pytest.fixture
def record(site, three_language_pack):
    install_pack(three_language_pack, site)
    return InstalledPack.objects.get(site=site)


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


def user_in(django_user_model, name, group_names=(), permissions=()):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "x")
    user.groups.set(Group.objects.filter(name__in=group_names))
    user.user_permissions.set(Permission.objects.filter(codename__in=["access_admin", *permissions]))
    return user


def urls(record, language="ur"):
    return {
        "index": reverse("rahnuma_packs:index"),
        "coverage": reverse("rahnuma_packs:coverage", args=[record.pk]),
        "download": reverse("rahnuma_packs:download_translations", args=[record.pk, language]),
        "upload": reverse("rahnuma_packs:upload_translations", args=[record.pk, language]),
    }


def download(client, record, language="ur") -> polib.POFile:
    response = client.get(urls(record, language)["download"])
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def with_translations(po: polib.POFile, changes: dict) -> str:
    for entry in po:
        if (entry.msgctxt, entry.msgid) in changes:
            entry.msgstr = changes.pop((entry.msgctxt, entry.msgid))
    for (context, msgid), text in changes.items():  # messages the file did not have
        po.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=text))
    return str(po)


def upload(client, record, text, language="ur"):
    return client.post(
        urls(record, language)["upload"], {"po_file": SimpleUploadedFile(f"{language}.po", text.encode())}
    )


def body_source(page) -> str:
    """The body as stored (rendering it would need a request for the quiz's forms)."""
    return str(page.body.raw_data)


def urdu_lesson():
    return LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="ur")


def translations_state():
    """Every stored translation and every page revision, to show that nothing was written."""
    return (
        sorted(StringTranslation.objects.values_list("pk", "data", "last_translated_by")),
        sorted(LessonPage.objects.values_list("pk", "title", "latest_revision_id")),
        sorted(Contact.objects.values_list("pk", "hours")),
    )


def test_pack_list_links_coverage_and_each_languages_po_files(admin_client, record):
    response = admin_client.get(urls(record)["index"])
    assert response.status_code == 200
    page = response.content.decode()
    assert "example.atlantis" in page and "Atlantis (example pack)" in page
    for language in ("ur", "pnb"):
        assert urls(record, language)["download"] in page and urls(record, language)["upload"] in page
    assert urls(record)["coverage"] in page
    assert reverse("rahnuma_packs:download_translations", args=[record.pk, "en"]) not in page  # the source language


def test_download_has_the_sites_translations_in_pack_form(admin_client, record, django_capture_on_commit_callbacks):
    english = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en")
    translate_as_editor(english, "ur", {"Your contract": "آپ کا ملازمت کا معاہدہ"}, django_capture_on_commit_callbacks)
    response = admin_client.get(urls(record)["download"])
    assert response["Content-Disposition"] == 'attachment; filename="example.atlantis-1.0.0-ur.po"'
    po = polib.pofile(response.content.decode())
    translations = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in po}
    assert po.metadata["Language"] == "ur"
    assert translations[TITLE] == "آپ کا ملازمت کا معاہدہ"  # the editor's, not the pack's
    assert translations[WAGE] == "آپ کے معاہدے میں آپ کی **تنخواہ**، کام کے گھنٹے اور چھٹی کا دن لکھا ہوتا ہے۔"
    punjabi = download(admin_client, record, "pnb")
    assert len(punjabi) == len(po) and all(entry.msgstr == "" for entry in punjabi)  # nothing translated yet


def test_upload_replaces_translations_and_republishes(admin_client, record, django_user_model):
    po = download(admin_client, record)
    text = with_translations(
        po,
        {
            TITLE: "معاہدہ پڑھیں",
            WAGE: "معاہدے میں **تنخواہ** اور چھٹی کا دن لکھا ہو۔",
            HOURS: "ہر روز",
        },
    )
    response = upload(admin_client, record, text)
    assert response.status_code == 302 and response["Location"] == urls(record)["coverage"]
    lesson = urdu_lesson()
    assert lesson.title == "معاہدہ پڑھیں" and lesson.live and not lesson.has_unpublished_changes
    assert "معاہدے میں <b>تنخواہ</b> اور چھٹی کا دن لکھا ہو۔" in body_source(lesson)
    assert '<a href="https://example.org/help">ریسورس' in body_source(lesson)  # untouched strings stay
    assert Contact.objects.get(pack_key="atlantis-helpline", locale__language_code="ur").hours == "ہر روز"
    admin = django_user_model.objects.get(username="admin")
    title = StringTranslation.objects.get(data="معاہدہ پڑھیں")
    assert title.last_translated_by == admin and title.tool_name == ""  # an editor's translation now
    # Visitors see it: the Urdu tree is sound and the page is served.
    with translation.override("ur"):  # how the site serves /ur/...: from the Urdu home
        found = Page.find_for_request(RequestFactory().get(lesson.url), lesson.url.removeprefix("/ur"))
    assert found.specific.title == "معاہدہ پڑھیں"
    output = StringIO()
    call_command("fixtree", stdout=output)
    assert "No problems found" in output.getvalue()
    # The same file again changes nothing.
    revision = urdu_lesson().latest_revision_id
    follow = upload(admin_client, record, text)
    assert follow.status_code == 302 and urdu_lesson().latest_revision_id == revision


def test_upload_into_a_language_nobody_translated(admin_client, record):
    text = with_translations(download(admin_client, record, "pnb"), {TITLE: "تہاڈا معاہدہ"})
    assert upload(admin_client, record, text, "pnb").status_code == 302
    punjabi = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="pnb")
    assert punjabi.title == "تہاڈا معاہدہ" and punjabi.live
    assert punjabi.summary == "What your contract must say."  # the rest still falls back to English


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({WAGE: "معاہدہ <script>x</script>"}, "[atlantis-contract:body]: translation: raw HTML is not allowed"),
        ({LINKED: "دستخط سے پہلے پڑھیں۔"}, "must keep the source's links: ['https://example.org/help']"),
        ({LINKED: "[مرکز](https://evil.example/)"}, "must keep the source's links"),
        ({("atlantis-nothing:title", "Nothing"): "کچھ نہیں"}, "[atlantis-nothing:title]: no item of this pack"),
        ({("atlantis-contract:title", "Our contract"): "ہمارا"}, "not the current source text of the context"),
        ({TITLE: "   "}, "[atlantis-contract:title]: the translation is blank"),
    ],
)
def test_a_bad_translation_is_reported_by_line_and_context_and_nothing_is_written(
    admin_client, record, changes, expected
):
    before = translations_state()
    text = with_translations(download(admin_client, record), {TITLE: "یہ بھی نہیں لکھا جائے گا", **changes})
    response = upload(admin_client, record, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page
    context, msgid = next(iter(changes))
    line = next(entry.linenum for entry in polib.pofile(text) if (entry.msgctxt, entry.msgid) == (context, msgid))
    assert f"ur.po:{line} [{context}]" in page
    assert expected in page.replace("&#x27;", "'")
    assert translations_state() == before


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda text: text.replace('"Language: ur\\n"', '"Language: pnb\\n"'), "ur.po:5: PO header says Language: pnb"),
        (
            lambda text: text.replace('msgctxt "atlantis-contract:title"', "this is not PO"),
            "ur.po:86: not a valid PO file: Syntax error in po file (line 86)",
        ),
    ],
)
def test_a_broken_file_is_refused_whole(admin_client, record, edit, expected):
    before = translations_state()
    text = edit(with_translations(download(admin_client, record), {TITLE: "نیا عنوان"}))
    response = upload(admin_client, record, text)
    assert response.status_code == 200 and expected in response.content.decode()
    assert translations_state() == before


def test_a_file_that_is_not_utf8_is_refused(admin_client, record):
    response = admin_client.post(urls(record)["upload"], {"po_file": SimpleUploadedFile("ur.po", b"msgid \xff")})
    assert response.status_code == 200 and "not UTF-8 text (byte 6)" in response.content.decode()


def test_the_source_language_and_unknown_languages_have_no_po_files(admin_client, record):
    for language in ("en", "fr"):
        for name in ("download", "upload"):
            response = admin_client.get(urls(record, language)[name], follow=True)
            assert response.redirect_chain == [(urls(record)["index"], 302)]
            assert f"example.atlantis is not translated into {language}." in response.content.decode()


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard and an error message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_users_without_page_permissions_are_refused(client, admin_client, record, django_user_model):
    text = with_translations(download(admin_client, record), {TITLE: "نیا عنوان"})
    before = translations_state()
    client.force_login(user_in(django_user_model, "visitor"))
    for name, url in urls(record).items():
        assert refused(client.get(url)), name
    assert refused(upload(client, record, text))
    assert translations_state() == before
    assert "Course packs" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_see_and_download_but_only_publishers_upload(client, record, django_user_model):
    editor = user_in(django_user_model, "editor", ["Editors"])
    client.force_login(editor)
    assert "Course packs" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(urls(record)["coverage"]).status_code == 200
    text = with_translations(download(client, record), {TITLE: "نیا عنوان"})
    assert refused(client.get(urls(record)["upload"]))
    assert refused(upload(client, record, text))
    # Publishing pages is not enough while the pack has contacts the user may not change.
    client.force_login(user_in(django_user_model, "moderator", ["Moderators"]))
    assert refused(upload(client, record, text))
    client.force_login(user_in(django_user_model, "translator", ["Moderators"], ["change_contact"]))
    assert upload(client, record, text).status_code == 302
    assert urdu_lesson().title == "نیا عنوان"


def test_commands_export_and_import_a_language(record, tmp_path, django_user_model):
    django_user_model.objects.create_user("translator")
    po_path = tmp_path / "ur.po"
    call_command("export_translations", "example.atlantis", "ur", str(po_path), stdout=StringIO())
    po_path.write_text(with_translations(polib.pofile(str(po_path)), {TITLE: "معاہدہ ضرور پڑھیں"}), encoding="utf-8")
    output = StringIO()
    call_command("import_translations", "example.atlantis", str(po_path), "--user", "translator", stdout=output)
    assert "1 strings updated in 1 items (ur)" in output.getvalue()
    assert urdu_lesson().title == "معاہدہ ضرور پڑھیں"
    with pytest.raises(CommandError, match="no user is called 'nobody'"):
        call_command("import_translations", "example.atlantis", str(po_path), "--user", "nobody")
    headless = tmp_path / "headless.po"
    headless.write_text(po_path.read_text().replace('"Language: ur\\n"', ""), encoding="utf-8")
    with pytest.raises(CommandError, match="no Language header; give the language with --language"):
        call_command("import_translations", "example.atlantis", str(headless), "--user", "translator")
    broken = tmp_path / "broken.po"
    broken.write_text(with_translations(polib.pofile(str(po_path)), {WAGE: "<b>x</b>"}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"nothing was imported:\nbroken.po:\d+ \[atlantis-contract:body\]"):
        call_command("import_translations", "example.atlantis", str(broken), "--user", "translator")
    with pytest.raises(CommandError, match=r"en is not a translation language of this pack \(ur, pnb\)"):
        call_command("export_translations", "example.atlantis", "en", str(tmp_path / "en.po"))


def test_a_partner_sees_only_its_own_packs(client, record, django_user_model):
    change_pages = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    for name, publisher in (("Example partner", "example"), ("Other partner", "other-partner")):
        partner = create_partner(name, publisher)
        GroupPagePermission.objects.create(
            group=partner.group, page=Page.get_first_root_node(), permission=change_pages
        )
        user_in(django_user_model, publisher).groups.add(partner.group)

    client.force_login(django_user_model.objects.get(username="other-partner"))
    listing = client.get(urls(record)["index"])
    assert listing.status_code == 200 and "example.atlantis" not in listing.content.decode()
    assert refused(client.get(urls(record)["coverage"])) and refused(client.get(urls(record)["download"]))

    client.force_login(django_user_model.objects.get(username="example"))
    assert "example.atlantis" in client.get(urls(record)["index"]).content.decode()
    assert client.get(urls(record)["download"]).status_code == 200
