"""One language of an installed pack as a PO file for translators: download it, fill it in, upload it.

The download is the pack-format PO (``course_packs.writer.catalogue_text``): contexts
``item-key:field``, msgids the source text as a pack carries it (inline Markdown for body text),
msgstrs the site's current translations, empty where there is none.

An upload is checked completely before anything is written: PO syntax, header language and
duplicates (``course_packs.translations.read_catalogue``), then every message: its context and
source text must be the pack's current ones, body translations must be pack Markdown keeping the
source's links. Then, in one transaction, each item with a changed string gets it in its
wagtail-localize translation as the uploader's work (replacing what was there, see
``cms.core.translation``), and the translated pages are published top-down with freshly loaded
pages, never by wagtail-localize's deferred publishing (see the localize notes, pitfall 1).
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from cms.core.translation import publish_latest_revisions, translate_instance
from cms.packs.exporter import SitePack, read_site_pack
from cms.packs.translation_map import segment_translations
from course_packs.errors import PackError, PackInvalid
from course_packs.markdown import check_markdown, render_inline
from course_packs.messages import Message, item_messages
from course_packs.translations import Catalogue, read_catalogue
from course_packs.writer import catalogue_text

MAX_PO_BYTES = 1_000_000  # like any file of a pack
_HREF = re.compile(r'href="([^"]*)"')


class TranslationsInvalid(PackInvalid):
    """The uploaded file has errors; nothing was written."""


@dataclass
class TranslationsImported:
    language: str
    strings: int  # messages whose translation the upload changed
    unchanged: int  # messages the upload translates exactly as the site already does
    items: list[str] = field(default_factory=list)  # keys of the pages and contacts updated

    def summary(self) -> str:
        if not self.strings:
            return _("Nothing changed: the file translates %(count)d strings exactly as the site does.") % {
                "count": self.unchanged
            }
        return _("%(strings)d strings updated in %(items)d items (%(language)s); %(unchanged)d were already so.") % {
            "strings": self.strings,
            "items": len(self.items),
            "language": self.language,
            "unchanged": self.unchanged,
        }


def po_file_name(record, language: str) -> str:
    return f"{record.pack_id}-{record.version}-{language}.po"


def translations_po(record, language: str) -> str:
    """The PO file of ``language`` for the installed pack ``record``; raise TranslationsInvalid or ExportError."""
    site_pack = read_site_pack(record, languages=[])
    _check_language(site_pack, language, po_file_name(record, language))
    site_pack.pack.catalogues[language] = site_pack.translations(language)
    return catalogue_text(site_pack.pack, language)


def import_translations(record, language: str, text: str, *, user, file_name: str = "") -> TranslationsImported:
    """Check the PO ``text`` and put its translations into the site, all or nothing.

    ``user`` is recorded as the translator in wagtail-localize. Raises TranslationsInvalid (every
    problem, by line and context) or ExportError (the site's content of the pack is unreadable).
    """
    file_name = file_name or po_file_name(record, language)
    site_pack = read_site_pack(record, languages=[])
    _check_language(site_pack, language, file_name)
    uploaded = Catalogue(language)
    errors = read_catalogue(text, file_name, uploaded)
    errors += _message_errors(site_pack, uploaded)
    if errors:
        raise TranslationsInvalid(errors)
    current = site_pack.translations(language)
    changed = Catalogue(language)
    for key, message in uploaded.messages.items():
        if current.get(*key) != message.text:
            changed.messages[key] = message
    result = TranslationsImported(language, len(changed.messages), len(uploaded.messages) - len(changed.messages))
    if changed.messages:
        _apply(site_pack, Locale.objects.get(language_code=language), changed, user, result)
    return result


def _check_language(site_pack: SitePack, language: str, file_name: str):
    languages = site_pack.pack.translation_languages
    if language not in languages:
        raise TranslationsInvalid(
            [
                PackError(
                    file_name,
                    _("%(language)s is not a translation language of this pack (%(languages)s)")
                    % {"language": language, "languages": ", ".join(languages) or "-"},
                )
            ]
        )


def _message_errors(site_pack: SitePack, uploaded: Catalogue) -> list[PackError]:
    known = {
        (message.context, message.msgid): message
        for document in site_pack.pack.items()
        for message in item_messages(document)
    }
    contexts = {context for context, _msgid in known}
    errors = []
    for (context, msgid), translated in sorted(uploaded.messages.items(), key=lambda pair: pair[1].line):
        for problem in _problems(known.get((context, msgid)), context in contexts, translated.text):
            errors.append(PackError(translated.file, problem, context, translated.line))
    return errors


def _problems(source: Message | None, context_known: bool, text: str) -> list[str]:
    """What is wrong with ``text`` as the translation of ``source`` (None: not a current message)."""
    if not context_known:
        return [_("no item of this pack has this context; was the file made for another pack?")]
    if source is None:
        return [_("this is not the current source text of the context; download a fresh file")]
    if not text.strip():
        return [_("the translation is blank")]
    if not source.markdown:
        return []
    problems = [_("translation: %(problem)s") % {"problem": problem.message} for problem in check_markdown(text)]
    if _links(text) != _links(source.msgid):
        problems.append(_("the translation must keep the source's links: %(links)s") % {"links": _links(source.msgid)})
    return problems


def _links(inline_markdown: str) -> list[str]:
    return sorted(_HREF.findall(render_inline(inline_markdown)))


def _apply(site_pack: SitePack, locale, changed: Catalogue, user, result: TranslationsImported):
    with transaction.atomic():
        pages = []
        for unit in site_pack.units:
            mapping = {}
            for document in unit.documents:
                mapping.update(segment_translations(document, changed))
            if not mapping:
                continue
            instance = site_pack.objects[unit.key]
            translate_instance(instance, locale, mapping, user=user)
            result.items.append(unit.key)
            # A translation follows its source: a retired or disabled item's translation stays a draft.
            if isinstance(instance, Page) and instance.live:
                pages.append(instance.get_translation(locale).pk)
        # Units come parents first, so this publishes top-down.
        publish_latest_revisions(pages)
