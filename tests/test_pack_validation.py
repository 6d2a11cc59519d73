"""Pack validation without Django: every bad pack gives a clear error naming file and field."""

import subprocess
import sys
from pathlib import Path

import pytest

from course_packs import PackInvalid, read_pack


def replace(path, old, new):
    text = path.read_text()
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new))


def errors_of(pack_path):
    with pytest.raises(PackInvalid) as raised:
        read_pack(pack_path)
    return raised.value.errors


def test_the_example_pack_is_valid(pack_copy):
    pack = read_pack(pack_copy)
    assert pack.manifest.id == "example.atlantis"
    assert set(pack.lessons) == {"atlantis-contract"}
    assert pack.catalogues["ur"].get("atlantis-contract:title", "Your contract") == "آپ کا معاہدہ"
    assert pack.warnings == []


def break_missing_manifest_field(pack):
    replace(pack / "pack.yaml", "licence: CC-BY-4.0\n", "")


def break_version(pack):
    replace(pack / "pack.yaml", "version: 1.0.0", "version: 1.0")


def break_duplicate_key(pack):
    (pack / "lessons" / "copy.md").write_text((pack / "lessons" / "contract.md").read_text())


def break_unknown_language(pack):
    replace(pack / "pack.yaml", "languages: [en, ur]", "languages: [en, ur, fr]")


def break_front_matter(pack):
    replace(pack / "lessons" / "contract.md", "minutes: 7\n", "minutes: [7\n")


def break_script_tag(pack):
    with (pack / "lessons" / "contract.md").open("a") as lesson:
        lesson.write("\n<script>alert('x')</script>\n")


def break_po_for_undeclared_language(pack):
    (pack / "locale" / "pnb").mkdir()
    (pack / "locale" / "pnb" / "messages.po").write_text('msgid ""\nmsgstr ""\n')


def break_dangling_reference(pack):
    replace(
        pack / "courses" / "atlantis-course.yaml", "  - atlantis-contract", "  - atlantis-contract\n  - atlantis-visa"
    )


def break_missing_quiz(pack):
    replace(pack / "lessons" / "contract.md", "quiz: atlantis-contract-check", "quiz: no-such-quiz")


def break_two_correct_answers(pack):
    replace(
        pack / "quizzes" / "contract-check.yaml",
        "text: After you arrive.",
        "text: After you arrive.\n        correct: true",
    )


def break_unsafe_link(pack):
    replace(pack / "lessons" / "contract.md", "https://example.org/help", "javascript:alert(1)")


def break_contact_without_source(pack):
    replace(
        pack / "contacts.yaml",
        "    source:\n      title: Example source\n      url: https://example.org/helpline\n",
        "",
    )


def break_non_utf8(pack):
    (pack / "guide" / "at-a-glance.md").write_bytes("---\nkey: x\n---\ncaf\xe9".encode("latin-1"))


def break_unclosed_block(pack):
    replace(pack / "guide" / "at-a-glance.md", "Never pay for a visa that should be free.\n:::", "Never pay.")


def break_translation_adds_html(pack):
    replace(
        pack / "locale" / "ur" / "messages.po", 'msgstr "اپنا معاہدہ غور سے پڑھیں۔"', 'msgstr "<b onclick=x>پڑھیں</b>"'
    )


ALIAS_BOMB = "".join(
    f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}' if n > 1 else 'lol'] * 9)}]\n" for n in range(1, 10)
)  # nine levels of nine aliases: 387 million strings if it were expanded


def break_yaml_alias_bomb(pack):
    with (pack / "pack.yaml").open("a") as manifest:
        manifest.write(ALIAS_BOMB)


def break_yaml_alias_in_front_matter(pack):
    replace(pack / "lessons" / "contract.md", "title: Your contract", "title: &t Your contract\nsummary2: *t")


def break_yaml_nesting(pack):
    replace(pack / "quizzes" / "contract-check.yaml", "pass_mark: 60", "pass_mark: " + "[" * 30 + "]" * 30)


def break_non_utf8_yaml(pack):
    (pack / "pack.yaml").write_bytes((pack / "pack.yaml").read_bytes().replace(b"Atlantis", b"Atl\xe0ntis"))


def break_non_utf8_po(pack):
    po = pack / "locale" / "ur" / "messages.po"
    po.write_bytes(po.read_bytes().replace(b'msgid "Your contract"', b'msgid "Your contr\xe0ct"'))


def add_po_entry(pack, entry):
    po = pack / "locale" / "ur" / "messages.po"
    po.write_text(po.read_text() + "\n" + entry)


def break_po_plural_with_plain_msgstr(pack):
    add_po_entry(pack, 'msgctxt "atlantis-contract:body"\nmsgid "one day"\nmsgid_plural "days"\nmsgstr "دن"\n')


def break_po_plural_missing_a_form(pack):
    add_po_entry(pack, 'msgctxt "atlantis-contract:body"\nmsgid "one day"\nmsgid_plural "days"\nmsgstr[0] "دن"\n')


def break_po_plural_index_without_plural(pack):
    add_po_entry(pack, 'msgctxt "atlantis-contract:body"\nmsgid "one day"\nmsgstr[0] "دن"\n')


def break_po_well_formed_plural(pack):
    add_po_entry(
        pack, 'msgctxt "atlantis-contract:body"\nmsgid "one day"\nmsgid_plural "days"\nmsgstr[0] "دن"\nmsgstr[1] "دن"\n'
    )


def break_plural_forms_header(pack):
    replace(
        pack / "locale" / "ur" / "messages.po",
        '"Language: ur\\n"',
        '"Language: ur\\n"\n"Plural-Forms: nplurals=two;\\n"',
    )


def break_po_syntax(pack):
    add_po_entry(pack, 'msgctxt "atlantis-contract:body"\nmsgid "one day"\nmsgid_plural "days"\nmsgstr[x] "دن"\n')


def break_po_charset(pack):
    replace(pack / "locale" / "ur" / "messages.po", "charset=UTF-8", "charset=ISO-8859-1")


BAD_PACKS = [
    (break_missing_manifest_field, "pack.yaml", "licence", "Field required"),
    (break_version, "pack.yaml", "version", "not a semantic version"),
    (break_duplicate_key, "lessons/copy.md", "key", "duplicate key 'atlantis-contract'"),
    (break_unknown_language, "pack.yaml", "languages.2", "unknown language 'fr'"),
    (break_front_matter, "lessons/contract.md", "", "front matter: invalid YAML"),
    (break_script_tag, "lessons/contract.md", "body", "raw HTML is not allowed"),
    (break_po_for_undeclared_language, "locale/pnb", "", "which pack.yaml does not declare"),
    (break_dangling_reference, "courses/atlantis-course.yaml", "lessons.1", "no lesson has the key 'atlantis-visa'"),
    (break_missing_quiz, "lessons/contract.md", "quiz", "no quiz has the key 'no-such-quiz'"),
    (break_two_correct_answers, "quizzes/contract-check.yaml", "questions.0", "exactly one correct choice, not 2"),
    (break_unsafe_link, "lessons/contract.md", "body", "must start with https://"),
    (break_contact_without_source, "contacts.yaml", "contacts.0.source", "Field required"),
    (break_non_utf8, "guide/at-a-glance.md", "", "not UTF-8"),
    (break_unclosed_block, "guide/at-a-glance.md", "body", "is never closed"),
    (break_translation_adds_html, "locale/ur/messages.po", "atlantis-at-a-glance:body", "raw HTML"),
    (break_yaml_alias_bomb, "pack.yaml", "", "YAML anchors and aliases (&, *) are not allowed"),
    (break_yaml_alias_in_front_matter, "lessons/contract.md", "", "front matter: YAML anchors and aliases"),
    (break_yaml_nesting, "quizzes/contract-check.yaml", "", "YAML nests deeper than 20 levels"),
    (break_non_utf8_yaml, "pack.yaml", "", "not UTF-8"),
    (break_non_utf8_po, "locale/ur/messages.po", "", "not UTF-8"),
    (break_po_plural_with_plain_msgstr, "locale/ur/messages.po", "atlantis-contract:body", "instead of msgstr"),
    (
        break_po_plural_missing_a_form,
        "locale/ur/messages.po",
        "atlantis-contract:body",
        "needs msgstr[0] to msgstr[1] (nplurals=2), not msgstr[0]",
    ),
    (break_po_plural_index_without_plural, "locale/ur/messages.po", "atlantis-contract:body", "without msgid_plural"),
    (break_po_well_formed_plural, "locale/ur/messages.po", "atlantis-contract:body", "plural messages are not used"),
    (break_plural_forms_header, "locale/ur/messages.po", "", "malformed Plural-Forms header 'nplurals=two;'"),
    (break_po_syntax, "locale/ur/messages.po", "", "not a valid PO file: Syntax error"),
    (break_po_charset, "locale/ur/messages.po", "", "charset=ISO-8859-1; pack PO files are UTF-8"),
]


@pytest.mark.parametrize(("breaker", "file", "field", "message"), BAD_PACKS, ids=[b[0].__name__ for b in BAD_PACKS])
def test_bad_pack_is_refused_with_a_clear_error(pack_copy, breaker, file, field, message):
    breaker(pack_copy)
    errors = errors_of(pack_copy)
    matching = [e for e in errors if e.file == file and e.field == field and message in e.message]
    assert matching, f"expected {file} [{field}] {message!r}, got: {[str(e) for e in errors]}"


def test_errors_carry_the_line_to_fix(pack_copy):
    break_script_tag(pack_copy)
    (error,) = [e for e in errors_of(pack_copy) if "raw HTML" in e.message]
    lines = (pack_copy / "lessons" / "contract.md").read_text().split("\n")
    assert "<script>" in lines[error.line - 1]


def test_yaml_field_errors_point_at_the_line(pack_copy):
    break_two_correct_answers(pack_copy)
    (error,) = [e for e in errors_of(pack_copy) if "correct choice" in e.message]
    lines = (pack_copy / "quizzes" / "contract-check.yaml").read_text().split("\n")
    assert lines[error.line - 1].strip() == "- key: q1"


def test_command_line_validates_without_django(pack_copy):
    """`python -m course_packs validate` must not need Django: run it where Django cannot be imported."""
    blocker = pack_copy.parent / "blocker"
    (blocker / "django").mkdir(parents=True)
    (blocker / "django" / "__init__.py").write_text("raise ImportError('Django must not be imported')")

    def validate():
        return subprocess.run(
            [sys.executable, "-m", "course_packs", "validate", str(pack_copy)],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(blocker), "PATH": "/usr/bin:/bin"},
            cwd=Path(__file__).resolve().parents[1],
        )

    good = validate()
    assert good.returncode == 0, good.stderr
    assert "valid pack example.atlantis 1.0.0" in good.stdout
    break_version(pack_copy)
    bad = validate()
    assert bad.returncode == 1
    assert "pack.yaml:3 [version]" in bad.stderr


def test_extract_writes_a_po_file_that_keeps_existing_translations(pack_copy):
    from course_packs.__main__ import main

    lesson = pack_copy / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text() + "\nA new paragraph to translate.\n")
    assert main(["extract", str(pack_copy), "--language", "ur", "--only", "lessons/*", "--output", "lessons.po"]) == 0
    import polib

    entries = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(pack_copy / "locale/ur/lessons.po"))}
    assert entries[("atlantis-contract:body", "A new paragraph to translate.")] == ""
    assert entries[("atlantis-contract:title", "Your contract")] == "آپ کا معاہدہ"  # kept from messages.po
    assert all(context.startswith("atlantis-contract:") for context, _ in entries)  # only lessons/*


def test_po_header_language_must_match_its_folder(pack_copy):
    replace(pack_copy / "locale" / "ur" / "messages.po", '"Language: ur\\n"', '"Language: pnb\\n"')
    errors = errors_of(pack_copy)
    assert any(e.file == "locale/ur/messages.po" and "the folder is ur" in e.message for e in errors)


def test_the_same_message_translated_in_two_files_is_an_error(pack_copy):
    po = pack_copy / "locale" / "ur" / "messages.po"
    (pack_copy / "locale" / "ur" / "other.po").write_text(po.read_text())
    errors = errors_of(pack_copy)
    assert any(
        e.file == "locale/ur/other.po" and "translated twice (first in locale/ur/messages.po" in e.message
        for e in errors
    )


def last_line_with(path, needle: bytes):
    lines = path.read_bytes().split(b"\n")
    return max(number for number, line in enumerate(lines, start=1) if needle in line)


LINE_CASES = [
    (break_yaml_alias_bomb, "pack.yaml", b"&lol1"),
    (break_yaml_alias_in_front_matter, "lessons/contract.md", b"&t"),
    (break_yaml_nesting, "quizzes/contract-check.yaml", b"pass_mark"),
    (break_non_utf8, "guide/at-a-glance.md", b"caf"),
    (break_non_utf8_yaml, "pack.yaml", b"Atl\xe0ntis"),
    (break_non_utf8_po, "locale/ur/messages.po", b"contr\xe0ct"),
    (break_po_plural_missing_a_form, "locale/ur/messages.po", b'msgctxt "atlantis-contract:body"'),  # the new entry
    (break_plural_forms_header, "locale/ur/messages.po", b"Plural-Forms"),
    (break_po_syntax, "locale/ur/messages.po", b"msgstr[x]"),
    (break_po_charset, "locale/ur/messages.po", b"charset="),
]


@pytest.mark.parametrize(("breaker", "file", "marker"), LINE_CASES, ids=[case[0].__name__ for case in LINE_CASES])
def test_yaml_po_and_encoding_errors_name_the_line(pack_copy, breaker, file, marker):
    breaker(pack_copy)
    errors = [e for e in errors_of(pack_copy) if e.file == file]
    assert errors, "no error for the broken file"
    assert errors[0].line == last_line_with(pack_copy / file, marker), [str(e) for e in errors]


def test_a_well_formed_plural_forms_header_is_accepted(pack_copy):
    """Poedit writes a Plural-Forms header into every file it saves."""
    po = pack_copy / "locale" / "ur" / "messages.po"
    replace(po, '"Language: ur\\n"', '"Language: ur\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"')
    assert read_pack(pack_copy).warnings == []


def test_a_po_file_holding_a_path_is_not_read_as_that_file(pack_copy):
    """polib opens a one-line string naming an existing file; the pack's own PO file must not be merged twice."""
    messages = pack_copy / "locale" / "ur" / "messages.po"
    (pack_copy / "locale" / "ur" / "other.po").write_text(str(messages.resolve()))
    errors = errors_of(pack_copy)
    assert [str(e) for e in errors] == ["locale/ur/other.po:1: not a valid PO file: it has no msgid/msgstr lines"]


def test_paragraphs_over_the_readability_budget_are_warnings_naming_file_field_line_and_language(pack_copy):
    lesson = pack_copy / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text() + "\nSign it. Keep it. Read it. Show it. Copy it. Ask us.\n")
    replace(
        pack_copy / "locale" / "ur" / "messages.po",
        '"آپ کے معاہدے میں آپ کی **تنخواہ**، کام کے گھنٹے اور چھٹی کا دن لکھا ہوتا ہے۔"',
        '"آپ کے معاہدے میں آپ کی **تنخواہ**، کام کے روزانہ گھنٹے، ہفتہ وار چھٹی کا دن، اوور ٹائم کی اجرت، '
        "رہائش اور کھانے کا انتظام، طبی بیمہ، واپسی کا ٹکٹ، معاہدے کی مدت اور اسے ختم کرنے کی شرائط "
        'سب کچھ صاف صاف لکھا ہونا چاہیے تاکہ بعد میں کوئی آپ کو دھوکا نہ دے سکے۔"',
    )

    pack = read_pack(pack_copy)  # a warning, not an error: the pack still reads and installs

    found = {(w.file, w.field, w.line, w.message.split(";")[0]) for w in pack.warnings}
    assert found == {
        ("lessons/contract.md", "body", 12, "en: a paragraph of 6 sentences"),
        ("lessons/contract.md", "body", 8, "ur: a sentence of 56 words"),
    }
