"""Translations of a pack: PO files keyed by ``item-key:field`` contexts.

Packs have no plural messages (a lesson has no "1 file / 2 files"), so any plural entry is an
error; a broken one (``msgid_plural`` without ``msgstr[0]`` ... ``msgstr[n-1]``, or a malformed
``Plural-Forms`` header) says exactly what is wrong, because a broken plural is usually a sign of a
file edited by hand that other tools (msgfmt, Weblate) will also reject.
"""

import re
from dataclasses import dataclass, field

import polib

from course_packs.errors import PackError

# "nplurals=2; plural=(n != 1);" as gettext writes it; the expression is only checked, never run.
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(?P<count>[1-9])\s*;\s*plural\s*=\s*[n0-9\s()!=<>&|?:%+*/-]+;?\s*$")
_CHARSET = re.compile(r"charset\s*=\s*([\w.-]+)", re.IGNORECASE)
_SYNTAX_ERROR_LINE = re.compile(r"\(line (\d+)\)")


@dataclass
class TranslatedMessage:
    text: str
    file: str
    line: int


@dataclass
class Catalogue:
    """All translations into one language, merged from that language's PO files."""

    language: str
    messages: dict[tuple[str, str], TranslatedMessage] = field(default_factory=dict)

    def get(self, context: str, msgid: str) -> str | None:
        message = self.messages.get((context, msgid))
        return message.text if message else None

    def for_item(self, key: str) -> dict[str, str]:
        """Translations of one item's strings, by source string."""
        prefix = f"{key}:"
        return {
            msgid: message.text for (context, msgid), message in self.messages.items() if context.startswith(prefix)
        }


def read_catalogue(text: str, file: str, catalogue: Catalogue) -> list[PackError]:
    """Merge the PO file ``text`` into ``catalogue``; return the problems found."""
    if "\n" not in text.strip():
        # polib reads a one-line string that names an existing file as that file, not as PO text.
        return [PackError(file, "not a valid PO file: it has no msgid/msgstr lines", line=1)] if text.strip() else []
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as error:
        line = _SYNTAX_ERROR_LINE.search(str(error))
        return [PackError(file, f"not a valid PO file: {error}", line=int(line[1]) if line else None)]
    errors = _header_errors(po, text, file, catalogue.language)
    plural_count = _plural_count(po)
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural or entry.msgstr_plural:
            problem = _plural_problem(entry, plural_count)
            errors.append(PackError(file, problem, entry.msgctxt or "", entry.linenum))
            continue
        if "fuzzy" in entry.flags or not entry.msgstr:
            continue
        if not entry.msgctxt:
            errors.append(PackError(file, "every message needs a msgctxt 'item-key:field'", "", entry.linenum))
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in catalogue.messages:
            first = catalogue.messages[key]
            errors.append(
                PackError(file, f"translated twice (first in {first.file}:{first.line})", entry.msgctxt, entry.linenum)
            )
            continue
        catalogue.messages[key] = TranslatedMessage(entry.msgstr, file, entry.linenum)
    return errors


def _header_errors(po, text: str, file: str, language: str) -> list[PackError]:
    errors = []
    header_language = po.metadata.get("Language")
    if header_language and header_language.replace("_", "-").lower() != language:
        errors.append(
            PackError(
                file,
                f"PO header says Language: {header_language}, but the folder is {language}",
                line=_header_line(text, "Language"),
            )
        )
    charset = _CHARSET.search(po.metadata.get("Content-Type", ""))
    if charset and charset[1].lower().replace("_", "-") not in ("utf-8", "utf8"):
        errors.append(
            PackError(
                file,
                f"PO header says charset={charset[1]}; pack PO files are UTF-8 (charset=UTF-8)",
                line=_header_line(text, "Content-Type"),
            )
        )
    plural_forms = po.metadata.get("Plural-Forms")
    if plural_forms is not None and not _PLURAL_FORMS.match(plural_forms):
        errors.append(
            PackError(
                file,
                f"malformed Plural-Forms header {plural_forms!r}; write it like 'nplurals=2; plural=(n != 1);'",
                line=_header_line(text, "Plural-Forms"),
            )
        )
    return errors


def _header_line(text: str, name: str) -> int | None:
    """The line of a header field inside the PO header's msgstr (polib keeps no line for it)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith(f'"{name}:'):
            return number
    return None


def _plural_count(po) -> int:
    """nplurals from a well-formed Plural-Forms header; gettext's default of 2 otherwise."""
    match = _PLURAL_FORMS.match(po.metadata.get("Plural-Forms", ""))
    return int(match["count"]) if match else 2


def _plural_problem(entry, plural_count: int) -> str:
    if not entry.msgid_plural:
        return "msgstr[n] without msgid_plural; write one msgstr for a message without plural"
    if entry.msgstr:
        return "a message with msgid_plural needs msgstr[0], msgstr[1], ... instead of msgstr"
    expected = list(range(plural_count))
    found = sorted(entry.msgstr_plural)
    if found != expected:
        listed = ", ".join(f"msgstr[{index}]" for index in found) or "none"
        return f"a plural message needs msgstr[0] to msgstr[{plural_count - 1}] (nplurals={plural_count}), not {listed}"
    return "plural messages are not used in packs; remove msgid_plural and its msgstr[n] lines"
