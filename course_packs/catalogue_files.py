"""Writing a language's PO file for translators, keeping translations already made."""

from fnmatch import fnmatch

import polib

from course_packs.messages import pack_messages


def write_catalogue(pack, language: str, file_name: str = "messages.po", only: str = "*"):
    """Write ``locale/<language>/<file_name>`` with the messages of items whose file matches ``only``.

    Translations already present in any of the language's PO files are kept, so translators
    can split a language over several files (one per course, say) and regenerate each.
    """
    if language not in pack.translation_languages:
        raise SystemExit(f"{language!r} is not one of the pack's translation languages")
    path = pack.root / "locale" / language / file_name
    existing = pack.catalogues.get(language)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"{pack.manifest.id} {pack.manifest.version}",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    seen = set()
    for message in pack_messages(pack):
        if not fnmatch(message.file, only) or (message.context, message.msgid) in seen:
            continue
        seen.add((message.context, message.msgid))
        translated = existing.get(message.context, message.msgid) if existing else None
        where = f"{message.file}:{message.line}" if message.line else message.file
        po.append(
            polib.POEntry(
                msgctxt=message.context, msgid=message.msgid, msgstr=translated or "", occurrences=[(where, "")]
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path
