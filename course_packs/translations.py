"""Translations of a pack: PO files keyed by ``item-key:field`` contexts."""

from dataclasses import dataclass, field

import polib

from course_packs.errors import PackError


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
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as error:
        return [PackError(file, f"not a valid PO file: {error}")]
    errors = []
    header_language = po.metadata.get("Language")
    if header_language and header_language.replace("_", "-").lower() != catalogue.language:
        errors.append(
            PackError(file, f"PO header says Language: {header_language}, but the folder is {catalogue.language}")
        )
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr:
            continue
        if entry.msgid_plural:
            errors.append(PackError(file, "plural messages are not used in packs", entry.msgctxt or "", entry.linenum))
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
