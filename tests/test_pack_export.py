"""Exporting an installed pack with editors' translations, and installing the export elsewhere.

The round trip: install the example pack, translate in wagtail-localize as an editor would, export,
install the export into a second site, and compare both sites field by field in every language.
"""

import io
import re
import shutil
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image
from wagtail.models import Locale

from cms.contacts.models import Contact
from cms.core.site_structure import set_up_site
from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.learning.models import CoursePage, LessonPage
from cms.packs.export_documents import DocumentBuilder
from cms.packs.exporter import ExportError, export_pack
from cms.packs.importer import install_pack
from cms.packs.models import InstalledPack
from course_packs import PackInvalid, read_pack
from course_packs.html_markdown import html_to_markdown
from course_packs.markdown import render_markdown
from tests.conftest import EXAMPLE_PACK
from tests.localize_editing import translate_as_editor

PACK_ID = "example.atlantis"
PAGE_MODELS = (CountryGuidePage, GuideSectionPage, CoursePage, LessonPage)
CONTACT_FIELDS = (
    "organisation", "kind", "country", "city", "description", "phones", "whatsapp", "email", "website",
    "address", "hours", "languages_spoken", "source_title", "source_url", "last_verified", "live",
)  # fmt: skip

# What an editor changes in wagtail-localize before the export: {item key: {segment: translation}}.
URDU_EDITS = {
    "atlantis-contract": {
        "Your contract": "آپ کا ملازمت کا معاہدہ",
        "Your contract says your <b>wage</b>, your hours and your rest day.": (
            "معاہدے میں <b>تنخواہ</b>، اوقاتِ کار اور ہفتہ وار چھٹی درج ہوتی ہے۔"
        ),
        'Read it before you sign. Ask at the <a id="a1">resource centre</a> if you are not sure.': (
            'دستخط سے پہلے پڑھ لیں۔ شک ہو تو <a id="a1">ریسورس سینٹر</a> سے پوچھیں۔'
        ),
        "No. Then it is too late to change it.": "نہیں۔ تب بہت دیر ہو چکی ہوگی۔",
    },
    # A translated key-fact label may hold ":", which a pack's key-fact line cannot.
    "atlantis-at-a-glance": {"Currency": "کرنسی: نام"},
    "atlantis-helpline": {"Every day, 8:00 to 20:00": "روزانہ، صبح 8 سے رات 8 بجے تک"},
}
PUNJABI_EDITS = {"atlantis-guide": {"Working in Atlantis": "اٹلانٹس وچ کم"}}


def pack_item(key, locale="en"):
    for model in (*PAGE_MODELS, Contact):
        found = model.objects.filter(pack_key=key, locale__language_code=locale).first()
        if found:
            return found
    raise LookupError(key)


def edit_translations(edits, language, run_on_commit):
    for key, strings in edits.items():
        translate_as_editor(pack_item(key), language, strings, run_on_commit)


def normalised(value):
    """Block values without the whitespace between tags, which rendering does not show."""
    if isinstance(value, str):
        return re.sub(r">\s+<", "><", value).strip()
    if isinstance(value, dict):
        return {name: normalised(item) for name, item in value.items()}
    if isinstance(value, list):
        return [normalised(item) for item in value]
    return value


def page_fields(page) -> dict:
    parent = page.get_parent().specific
    fields = {
        "title": page.title,
        "slug": page.slug,
        "live": page.live,
        "parent": getattr(parent, "pack_key", "") or type(parent).__name__,
        "position": [child.pk for child in page.get_siblings()].index(page.pk),
    }
    for name in ("summary", "topic", "minutes", "last_verified", "content_owner", "country"):
        if hasattr(page, name):
            fields[name] = getattr(page, name)
    for name in ("body", "sources"):
        if hasattr(page, name):
            stream = getattr(page, name)
            fields[name] = [(b.block_type, normalised(b.block.get_api_representation(b.value))) for b in stream]
    return fields


def site_content(site) -> dict:
    """Everything the pack shows in ``site``, by (model, key, language), without ids or tree paths."""
    content = {}
    for home in site.root_page.get_translations(inclusive=True):
        for model in PAGE_MODELS:
            for page in model.objects.descendant_of(home).filter(pack_id=PACK_ID):
                content[(model.__name__, page.pack_key, page.locale.language_code)] = page_fields(page)
    for contact in Contact.objects.filter(site=site, pack_id=PACK_ID):
        fields = {name: getattr(contact, name) for name in CONTACT_FIELDS}
        content[("Contact", contact.pack_key, contact.locale.language_code)] = fields
    return content


@pytest.fixture
def second_site(site):
    return set_up_site("other.example", 80)


def png(size=(24, 16)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 120, 0)).save(output, "PNG")
    return output.getvalue()


@pytest.fixture
def pack_with_image(pack_copy):
    """The example pack with a picture in its lesson, its alt text and caption translated into Urdu."""
    (pack_copy / "media").mkdir()
    (pack_copy / "media" / "signing.png").write_bytes(png())
    lesson = pack_copy / "lessons" / "contract.md"
    image = (
        "::: image\nfile: media/signing.png\nalt: A worker signs a contract\ncaption: Sign only what you read.\n:::\n"
    )
    lesson.write_text(lesson.read_text() + "\n" + image)
    with (pack_copy / "locale" / "ur" / "messages.po").open("a") as po:
        for msgid, msgstr in [("A worker signs a contract", "ایک مزدور معاہدے پر دستخط کر رہا ہے"),
                              ("Sign only what you read.", "وہی دستخط کریں جو آپ نے پڑھا ہو۔")]:  # fmt: skip
            po.write(f'\nmsgctxt "atlantis-contract:body"\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n')
    return pack_copy


@pytest.mark.parametrize("fixture", ["pack_copy", "three_language_pack", "pack_with_image"])
def test_editors_translations_survive_export_and_reinstall(
    request, fixture, site, second_site, tmp_path, django_capture_on_commit_callbacks
):
    pack_path = request.getfixturevalue(fixture)
    install_pack(pack_path, site)
    edit_translations(URDU_EDITS, "ur", django_capture_on_commit_callbacks)
    languages = InstalledPack.objects.get(site=site).languages
    if "pnb" in languages:
        edit_translations(PUNJABI_EDITS, "pnb", django_capture_on_commit_callbacks)

    export_pack(InstalledPack.objects.get(site=site), tmp_path / "export")
    exported = read_pack(tmp_path / "export")  # raises if the export does not validate
    assert exported.manifest.languages == languages

    install_pack(tmp_path / "export", second_site)
    original, reinstalled = site_content(site), site_content(second_site)
    assert set(reinstalled) == set(original)
    assert {language for _, _, language in original} == set(languages)
    for key in original:
        assert reinstalled[key] == original[key], key
    # The comparison covers the editors' work, not only what the pack brought.
    lesson = reinstalled[("LessonPage", "atlantis-contract", "ur")]
    assert lesson["title"] == "آپ کا ملازمت کا معاہدہ"
    assert "اوقاتِ کار" in str(lesson["body"]) and 'href="https://example.org/help"' in str(lesson["body"])
    assert "تب بہت دیر ہو چکی ہوگی" in str(lesson["body"])  # quiz feedback
    assert "کرنسی: نام" in str(reinstalled[("GuideSectionPage", "atlantis-at-a-glance", "ur")]["body"])
    assert reinstalled[("Contact", "atlantis-helpline", "ur")]["hours"] == "روزانہ، صبح 8 سے رات 8 بجے تک"
    if fixture == "pack_with_image":
        assert (tmp_path / "export" / "media" / "signing.png").read_bytes() == png()
        image = next(block for block in lesson["body"] if block[0] == "image")[1]
        assert image["alt_text"] == "ایک مزدور معاہدے پر دستخط کر رہا ہے"
    if "pnb" in languages:
        assert reinstalled[("CountryGuidePage", "atlantis-guide", "pnb")]["title"] == "اٹلانٹس وچ کم"
        # Untranslated Punjabi text is the English fallback, and the export did not pass it off as Punjabi.
        assert reinstalled[("CoursePage", "atlantis-course", "pnb")]["title"] == "Getting ready for Atlantis"
        assert list(exported.catalogues["pnb"].messages) == [("atlantis-guide:title", "Working in Atlantis")]


def test_export_of_an_untouched_pack_has_the_pack_content(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    export_pack(InstalledPack.objects.get(site=site), tmp_path / "export")
    original, exported = read_pack(EXAMPLE_PACK), read_pack(tmp_path / "export")
    assert exported.manifest == original.manifest
    assert [document.key for document in exported.items()] == [document.key for document in original.items()]
    for mine, theirs in zip(exported.items(), original.items(), strict=True):
        assert mine.meta == theirs.meta
        assert mine.body.strip() == theirs.body.strip()
    translations = {key: message.text for key, message in exported.catalogues["ur"].messages.items()}
    assert translations == {key: message.text for key, message in original.catalogues["ur"].messages.items()}


def test_export_is_deterministic(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    record = InstalledPack.objects.get(site=site)
    export_pack(record, tmp_path / "first")
    export_pack(record, tmp_path / "second")
    files = sorted(
        str(path.relative_to(tmp_path / "first")) for path in (tmp_path / "first").rglob("*") if path.is_file()
    )
    assert files == [
        "contacts.yaml", "courses/atlantis-course.yaml", "guide.yaml", "guide/atlantis-at-a-glance.md",
        "lessons/atlantis-contract.md", "locale/ur/messages.po", "pack.yaml", "quizzes/atlantis-contract-check.yaml",
    ]  # fmt: skip
    for path in files:
        assert (tmp_path / "first" / path).read_bytes() == (tmp_path / "second" / path).read_bytes(), path
    assert "اٹلانٹس" in (tmp_path / "first" / "locale/ur/messages.po").read_text()  # Unicode as is, not escaped


def test_export_refuses_a_folder_in_use(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(PackInvalid, match="not an empty folder"):
        export_pack(InstalledPack.objects.get(site=site), target)
    assert [path.name for path in target.iterdir()] == ["notes.txt"]


def test_content_a_pack_cannot_hold_is_named_and_nothing_is_written(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    section = GuideSectionPage.objects.get(pack_key="atlantis-at-a-glance", locale__language_code="en")
    facts = next(block for block in section.body if block.block_type == "key_facts")
    facts.value[0]["label"] = "Capital: city"
    section.save_revision().publish()
    with pytest.raises(ExportError) as raised:
        export_pack(InstalledPack.objects.get(site=site), tmp_path / "export")
    message = str(raised.value)
    assert "'atlantis-at-a-glance'" in message and "[body]" in message and "'Capital: city' contains ':'" in message
    assert not (tmp_path / "export").exists()


def test_an_invalid_value_names_the_item_and_field(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    Contact.objects.filter(pack_key="atlantis-helpline", locale__language_code="en").update(phones="call us")
    with pytest.raises(ExportError, match=r"contact 'atlantis-helpline' \(en, id \d+\) \[phones.0\]"):
        export_pack(InstalledPack.objects.get(site=site), tmp_path / "export")
    assert not (tmp_path / "export").exists()


def test_a_copied_page_carrying_the_same_key_is_refused(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    lesson = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en")
    copy = lesson.copy(update_attrs={"slug": "contract-copy", "title": "Copy"})
    with pytest.raises(ExportError, match=rf"atlantis-contract: 2 items carry this key \(ids {lesson.pk}, {copy.pk}\)"):
        export_pack(InstalledPack.objects.get(site=site), tmp_path / "export")


def test_images_keep_their_pack_name_or_get_one_from_their_file():
    build = DocumentBuilder("http://localhost", PACK_ID)

    def image(pk, title, file_name):
        return SimpleNamespace(pk=pk, title=title, file=SimpleNamespace(name=f"original_images/{file_name}"))

    installed = image(1, f"{PACK_ID}: media/hard-hat.png", "hard-hat_x1Y2z3.png")
    uploaded = image(2, "A hard hat", "Hard Hat.PNG")
    same_file_name = image(3, "Another hat", "hard-hat.png")
    assert build.media_name(installed) == "media/hard-hat.png"
    assert build.media_name(uploaded) == "media/hard-hat-2.png"
    assert build.media_name(same_file_name) == "media/hard-hat-3.png"
    assert build.media_name(uploaded) == "media/hard-hat-2.png"  # one name per image
    assert build.images == {"media/hard-hat.png": installed, "media/hard-hat-2.png": uploaded,
                            "media/hard-hat-3.png": same_file_name}  # fmt: skip


def test_manifest_comes_from_the_install_record_not_the_installed_folder(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    shutil.rmtree(pack_copy)  # the folder it was installed from is gone
    export_pack(InstalledPack.objects.get(site=site), tmp_path / "export")
    manifest = read_pack(tmp_path / "export").manifest
    assert (manifest.licence, manifest.engine, manifest.publisher) == ("CC-BY-4.0", ">=0.1,<1.0", "example")


def test_dropped_items_are_not_exported(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    (pack_copy / "contacts.yaml").unlink()  # its translations stay, and only warn
    manifest = pack_copy / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    install_pack(pack_copy, site)  # the upgrade hides the contact but keeps it
    assert Contact.objects.filter(pack_key="atlantis-helpline").exists()
    export_pack(InstalledPack.objects.get(site=site), tmp_path / "export")
    exported = read_pack(tmp_path / "export")
    assert exported.manifest.version == "1.1.0"
    assert not exported.contacts and not (tmp_path / "export" / "contacts.yaml").exists()


def test_export_command(site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    output = StringIO()
    call_command("export_pack", PACK_ID, str(tmp_path / "export"), "--site", "localhost", stdout=output)
    assert f"Wrote {PACK_ID} 1.0.0" in output.getvalue() and "ur: 34" in output.getvalue()
    assert read_pack(tmp_path / "export").manifest.id == PACK_ID
    with pytest.raises(CommandError, match=r"not installed on nowhere\.example"):
        call_command("export_pack", PACK_ID, str(tmp_path / "other"), "--site", "nowhere.example")
    with pytest.raises(CommandError, match="cannot be exported; nothing was written"):
        call_command("export_pack", PACK_ID, str(tmp_path / "export"))


def test_command_asks_for_the_site_when_two_have_the_pack(site, second_site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    install_pack(pack_copy, second_site)
    with pytest.raises(CommandError, match=r"installed on several sites \(localhost, other.example\)"):
        call_command("export_pack", PACK_ID, str(tmp_path / "export"))
    call_command("export_pack", PACK_ID, str(tmp_path / "export"), "--site", "other.example", stdout=StringIO())
    assert Locale.objects.filter(language_code="ur").exists() and read_pack(tmp_path / "export").contacts


# Rich text as the CMS stores it, and what must come back from its Markdown.
ROUND_TRIPS = [
    "<p>Atlantis is an <b>example</b> country.</p><h2>Before you go</h2><ul><li>Check it.</li><li>Copy it.</li></ul>",
    '<p>Ask at the <a href="https://example.org/help">resource centre</a> or <a href="tel:+000123">call</a>.</p>',
    "<h3>Costs</h3><h4>Fees</h4><ol><li>First</li><li>Second</li></ol>",
    "<p>5 * 3 = 15, a_b_c, [x](y), &lt;script&gt;, &amp;amp;, a back\\slash and `ticks`</p>",
    "<p># not a heading</p><p>1. not a list</p><p>- not a list</p><p>---</p><p>::: warning</p><p>&gt; no quote</p>",
    "<ul><li>one list</li></ul><ul><li>another</li></ul><ol><li>a third</li></ol><ol><li>a fourth</li></ol>",
    "<ul><li>outer<ul><li>inner</li></ul></li><li>next</li></ul>",
    "<p>word <b>bold</b> next, <i>it</i>alic and <b>a <i>b</i></b></p>",
    "<h2>Title ending in #</h2>",
    '<p>اردو متن <b>جلی</b> اور <a href="https://example.org/ur">ربط</a>۔</p>',
]


@pytest.mark.parametrize("html", ROUND_TRIPS)
def test_rich_text_comes_back_from_its_markdown(html):
    assert render_markdown(html_to_markdown(html)).replace("\n", "") == html


@pytest.mark.parametrize(
    "html, markdown",
    [
        ("<p>one<br>two</p>", "one two"),  # a pack message is one line
        ("<p>word<b> bold </b>next</p>", "word **bold** next"),  # "** bold **" would not be bold
        ('<p><a href="javascript:alert(1)">bad</a> link</p>', "bad link"),
        ('<p><a href="/en/countries/">inside</a></p>', "[inside](http://localhost/en/countries/)"),
        ('<p data-block-key="x1">kept</p><p></p>', "kept"),
        ("<p>a <span>span</span> &amp; more</p>", "a span & more"),
    ],
)
def test_what_a_pack_cannot_hold_is_simplified(html, markdown):
    assert html_to_markdown(html, base_url="http://localhost") == markdown
