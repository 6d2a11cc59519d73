"""The variant lexicon: shipped files, plugins' files, editors' entries, and mistakes caught with clear errors."""

import pytest
from django.core.exceptions import ValidationError

from search.lexicon import LEXICON_DIR, LexiconError, get_lexicon, lexicon_files, load_file, shipped_entries
from search.models import LexiconEntry


def write(tmp_path, text):
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_lexicon_loads_and_covers_the_common_words():
    entries = shipped_entries()
    assert len(entries) >= 60
    assert {"veeza", "viza"} <= set(entries["visa"].spellings["roman"])
    assert "نوکری" in entries["job"].spellings["ur"]
    assert entries["visa"].preferred("ur") == "ویزا"
    assert entries["visa"].preferred("en") == "visa"
    assert entries["visa"].preferred("pnb") == "ویزا"


def test_plugins_add_their_lexicons():
    files = lexicon_files()
    assert files[0].parent == LEXICON_DIR
    assert any(path.parts[-2:] == ("dummy_plugin", "lexicon.yaml") for path in files)
    entries = shipped_entries()
    assert "اٹلانٹس" in entries["atlantis"].spellings["ur"]
    assert "wisa" in entries["visa"].spellings["roman"], "a plugin's spellings join the engine's entry"
    assert "veeza" in entries["visa"].spellings["roman"]


def test_variants_are_found_by_any_spelling_in_any_script(db):
    lexicon = get_lexicon()
    assert ("visa",) in lexicon.variants(("veeza",))
    assert ("ویزا",) in lexicon.variants(("veeza",))
    assert ("veeza",) not in lexicon.variants(("veeza",))
    assert ("saudi", "arabia") in lexicon.variants(("saudia",))
    assert lexicon.variants(("xylophone",)) == set()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("- just a list", "a lexicon is a mapping with an integer `version`"),
        ("version: one\nentries: {}", "integer `version`"),
        ("version: 1\nentries:\n  Visa Word!: {en: [visa]}", "a key is a short ASCII name"),
        ("version: 1\nentries:\n  visa: {fr: [visa]}", "unknown spelling system 'fr'"),
        ("version: 1\nentries:\n  visa: {en: []}", None),
        ("version: 1\nentries:\n  visa: {en: [19911]}", "quote numbers"),
        ("version: 1\nentries:\n  visa: {en: ['']}", "non-empty words"),
        ("version: 1\nentries:\n  visa: {en: [a b c d e f]}", r"too long \(at most 4 words\)"),
        ("version: 1\nentries:\n  visa: {en: ['...']}", "has no letters or digits"),
        ("version: 1\nentries:\n  visa: [visa]", "expected spellings by system"),
        ("version: 1\nentries: {visa: {en: [visa}", "cannot read the lexicon"),
    ],
)
def test_malformed_files_are_refused_naming_the_file_and_entry(tmp_path, text, error):
    path = write(tmp_path, text)
    if error is None:
        assert load_file(path)["visa"].spellings == {"en": ()}
        return
    with pytest.raises(LexiconError, match=error) as raised:
        load_file(path)
    assert str(path) in str(raised.value)


def test_editors_override_and_switch_off_shipped_entries(db):
    assert ("ویزا",) in get_lexicon().variants(("visa",))
    LexiconEntry.objects.create(key="visa", english="visa", roman="biza")
    lexicon = get_lexicon()
    assert lexicon.variants(("visa",)) == {("biza",)}, "the editor's entry replaces the shipped one"
    LexiconEntry.objects.filter(key="visa").update(enabled=False)
    LexiconEntry.objects.get(key="visa").save()  # saving tells this process to re-read
    assert get_lexicon().variants(("visa",)) == set()
    LexiconEntry.objects.create(key="kafeel-new", urdu="کفیل\nکفیلِ", roman="kafeel")
    assert ("کفیل",) in get_lexicon().variants(("kafeel",))


def test_an_editors_entry_is_validated_before_it_is_saved():
    with pytest.raises(ValidationError, match="at least one spelling"):
        LexiconEntry(key="empty").clean()
    with pytest.raises(ValidationError, match="too long"):
        LexiconEntry(key="long", english="one two three four five").clean()
    LexiconEntry(key="off", enabled=False).clean()  # an entry that only switches a shipped one off
