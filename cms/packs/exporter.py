"""Reading a pack back out of a site: its pages, contacts and translations as they stand now.

The inverse of ``cms.packs.importer``. The items of an installed pack are found by ``pack_id``
inside the site; each language's copy of an item by its ``translation_key``. The source-language
items become pack documents (rich text back to pack Markdown by ``course_packs.html_markdown``);
an item's translation becomes catalogue entries by pairing the source document's messages with
the same messages computed from the translated page or contact. A translated text equal to the
source is wagtail-localize's fallback for a string nobody translated, so it is left out, and so is
one that wagtail-localize no longer holds as the translation of the current source text.

``export_pack`` writes the result as a pack folder (``course_packs.writer``), which validates and
installs into an empty site as the same pages, contacts and translations.
"""

import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path

from django.db.models import Q
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from cms.contacts.models import Contact
from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.h5p.models import Content
from cms.h5p.storage import write_stored_package
from cms.learning.models import CoursePage, LessonPage
from cms.packs.export_documents import LABEL_COLON, DocumentBuilder
from course_packs import schema
from course_packs.errors import PackError, PackInvalid
from course_packs.markdown import render_inline
from course_packs.media import MediaFile, MediaProblem, read_image
from course_packs.messages import Message, item_messages
from course_packs.reader import Document, Pack
from course_packs.translations import Catalogue, TranslatedMessage
from course_packs.units import Unit
from course_packs.writer import write_pack


class ExportError(PackInvalid):
    """The site's content of a pack cannot be written as a pack; ``errors`` say what to fix."""


@dataclass
class PackObjects:
    """An installed pack's source-language pages and contacts in one site, in pack order."""

    source_locale: Locale
    guide: CountryGuidePage | None
    sections: list[GuideSectionPage]
    courses: list[tuple[CoursePage, list[LessonPage]]]
    contacts: list[Contact]

    def items(self) -> list:
        """Every page and contact, parents before children."""
        items = [self.guide, *self.sections] if self.guide else []
        for course, lessons in self.courses:
            items += [course, *lessons]
        return items + self.contacts


@dataclass
class SitePack:
    """A pack as a site holds it: documents of its source-language items, and those items by key."""

    pack: Pack
    source_locale: Locale
    units: list[Unit]  # parents before children, as course_packs.units.pack_units lists them
    objects: dict  # unit key -> its source-language page or contact
    base_url: str  # the site's, for links inside the site
    images: dict = field(default_factory=dict)  # media name -> the Wagtail image the bodies show
    warnings: list[str] = field(default_factory=list)

    def translated_object(self, key: str, locale: Locale):
        """The copy of a unit's page or contact in ``locale``, or None if it has none."""
        instance = self.objects[key]
        return type(instance).objects.filter(translation_key=instance.translation_key, locale=locale).first()

    def translations(self, language: str) -> Catalogue:
        """The site's translations into ``language`` of every unit, paired message by message with the source.

        A translated text is left out when it equals the source (wagtail-localize's fallback for a
        string nobody translated), and when wagtail-localize does not hold it as the translation of
        the current source text: the source changed after it was translated, and the translated page
        shows the old translation until it is synced (the coverage report lists it as out of date).
        """
        locale = Locale.objects.get(language_code=language)
        current = self.current_translations(locale)
        catalogue = Catalogue(language)
        build = DocumentBuilder(self.base_url, self.pack.manifest.id, translated=True)
        for unit in self.units:
            translated = self.translated_object(unit.key, locale)
            if translated is None:
                continue
            for source, copy in zip(unit.documents, build.unit(unit, translated), strict=True):
                for context, pairs in _paired(source, copy, current) if copy else ():
                    if pairs is None:
                        self.warnings.append(
                            f"{language} {context}: the translation is shaped unlike the source; left out"
                        )
                    for msgid, text in pairs or ():
                        catalogue.messages.setdefault((context, msgid), TranslatedMessage(text, source.path, 0))
        if build.problems:
            raise ExportError(build.problems)
        return catalogue

    def current_translations(self, locale) -> set[tuple[str, str]]:
        """(source text, translated text) of every string wagtail-localize holds translated into ``locale``."""
        keys = [instance.translation_key for instance in self.objects.values()]
        stored = StringTranslation.objects.filter(locale=locale, context__object_id__in=keys, has_error=False)
        return {
            (_text(source), _text(translated))
            for source, translated in stored.values_list("translation_of__data", "data")
        }


def find_pack_objects(record) -> PackObjects:
    """The pages and contacts of the installed pack ``record``, except those a later version dropped."""
    scope = Q()
    for home in record.site.root_page.get_translations(inclusive=True):
        scope |= Q(path__startswith=home.path, depth__gt=home.depth)
    pages = {
        model: list(model.objects.filter(scope, pack_id=record.pack_id).order_by("path"))
        for model in (CountryGuidePage, GuideSectionPage, CoursePage, LessonPage)
    }
    contacts = list(Contact.objects.filter(pack_id=record.pack_id, site=record.site).order_by("pk"))
    locale = _source_locale(record, [*(page for group in pages.values() for page in group), *contacts])
    current = record.unit_keys  # empty for a record from before units were recorded: keep everything

    def wanted(items):
        return [item for item in items if item.locale_id == locale.pk and (not current or item.pack_key in current)]

    def children(model, parent):
        if parent is None:
            return []
        return [
            page
            for page in wanted(pages[model])
            if page.path.startswith(parent.path) and page.depth == parent.depth + 1
        ]

    guides = wanted(pages[CountryGuidePage])
    found = PackObjects(
        source_locale=locale,
        guide=guides[0] if guides else None,
        sections=children(GuideSectionPage, guides[0] if guides else None),
        courses=[(course, children(LessonPage, course)) for course in wanted(pages[CoursePage])],
        contacts=wanted(contacts),
    )
    problems = [] if len(guides) < 2 else [PackError("guide.yaml", f"the site holds {len(guides)} guides of this pack")]
    keys = defaultdict(list)
    for item in found.items():
        keys[item.pack_key].append(str(item.pk))
    problems += [
        PackError(key, f"{len(ids)} items carry this key (ids {', '.join(ids)}), a copy perhaps; keys are unique")
        for key, ids in keys.items()
        if len(ids) > 1
    ]
    if problems:
        raise ExportError(problems)
    return found


def _source_locale(record, items) -> Locale:
    """The language the pack's items were written in: the one wagtail-localize translates from."""
    if not items:
        raise ExportError([PackError(record.pack_id, f"site {record.site.hostname} holds no content of this pack")])
    keys = {item.translation_key for item in items}
    locale_ids = set(TranslationSource.objects.filter(object_id__in=keys).values_list("locale_id", flat=True))
    if not locale_ids:  # nothing was ever translated: every item is in the source language
        locale_ids = {item.locale_id for item in items}
    if len(locale_ids) != 1:
        raise ExportError([PackError(record.pack_id, "the pack's items are translated from more than one language")])
    return Locale.objects.get(pk=locale_ids.pop())


def read_site_pack(record, *, languages=None) -> SitePack:
    """The installed pack ``record`` as pack documents; raise ExportError.

    Catalogues are made for ``languages`` (default: every translation language of the pack).
    """
    found = find_pack_objects(record)
    base_url = record.site.root_url
    build = DocumentBuilder(base_url, record.pack_id)
    pack = Pack(root=Path())  # made from the database, not read from files
    units = []

    def unit(kind, documents, parent=None):
        """Record the unit carrying ``documents`` (the item, then a lesson's quiz); return the item."""
        item = documents[0]
        if item is not None:
            units.append(Unit(kind, item.key, parent, tuple(document for document in documents if document)))
        return item

    if found.guide:
        pack.guide = unit("guide", [build.guide(found.guide, [page.pack_key for page in found.sections])])
        for page in found.sections:
            _put(pack.sections, unit("section", [build.section(page)], found.guide.pack_key))
    for course, lessons in found.courses:
        _put(pack.courses, unit("course", [build.course(course, [page.pack_key for page in lessons])]))
        for page in lessons:
            lesson, quiz = build.lesson(page)
            _put(pack.lessons, unit("lesson", [lesson, quiz], course.pack_key))
            _put(pack.quizzes, quiz)
    for contact in found.contacts:
        _put(pack.contacts, unit("contact", [build.contact(contact)]))
    country = found.guide.country if found.guide else next((c.country for c, _ in found.courses if c.country), "")
    manifest = _manifest_data(record, found.source_locale, country)
    pack.manifest = build.meta(schema.Manifest, manifest, "pack.yaml")
    if build.problems:
        raise ExportError(build.problems)
    objects = {item.pack_key: item for item in found.items()}
    site_pack = SitePack(pack, found.source_locale, units, objects, base_url, build.images)
    for language in pack.translation_languages if languages is None else languages:
        pack.catalogues[language] = site_pack.translations(language)
    return site_pack


def _put(group: dict, document: Document | None):
    if document is not None:
        group[document.key] = document


def export_pack(record, target) -> SitePack:
    """Write the installed pack ``record`` with every translation as a pack folder at ``target``.

    Raises ExportError, or PackInvalid if the folder would not validate (nothing is left at ``target`` then).
    """
    site_pack = read_site_pack(record)
    with tempfile.TemporaryDirectory() as folder:
        site_pack.pack.media = _media_files(site_pack.images, Path(folder))
        site_pack.pack.h5p = _h5p_files(site_pack.pack, Path(folder))
        write_pack(site_pack.pack, target)
    return site_pack


def _h5p_files(pack: Pack, folder: Path) -> dict[str, Path]:
    """The packages of the activities the lessons name, written from what the site stores into ``folder``."""
    files = {}
    names = {lesson.meta.h5p.file for lesson in pack.lessons.values() if lesson.meta.h5p}
    for content in Content.objects.filter(pack_id=pack.manifest.id, key__in=names):
        files[content.key] = write_stored_package(content, folder / Path(content.key).name)
    return files


def _media_files(images: dict, folder: Path) -> dict[str, MediaFile]:
    """The images' files copied into ``folder`` and checked like any pack's media."""
    media, errors = {}, []
    for name, image in images.items():
        path = folder / Path(name).name
        with image.open_file() as file:
            path.write_bytes(file.read())
        try:
            media[name] = read_image(path)
        except MediaProblem as problem:
            errors.append(PackError(name, f"{problem.message} (image {image.pk}, {image.title!r})"))
    if errors:
        raise ExportError(errors)
    return media


def _manifest_data(record, source_locale, country) -> dict:
    return {
        "format": schema.FORMAT_VERSION,
        "id": record.pack_id,
        "version": record.version,
        "title": record.title,
        "publisher": record.publisher,
        "licence": record.licence,
        "source_language": source_locale.language_code,
        "languages": list(record.languages),
        "country": country or None,
        "engine": record.engine,
    }


def _paired(source: Document, translated: Document, current: set):
    """(context, [(msgid, translated text)]) per context of ``source``; None for a context that does not line up.

    Texts equal to the source and texts that are not ``current`` translations are left out.
    """
    translated_messages = _by_context(translated)
    for context, messages in _by_context(source).items():
        texts = [message.msgid.replace(LABEL_COLON, ":") for message in translated_messages.get(context, [])]
        if len(texts) != len(messages):
            yield context, None
            continue
        yield (
            context,
            [
                (message.msgid, text)
                for message, text in zip(messages, texts, strict=True)
                if text != message.msgid
                and (_plain_text(message.msgid, message.markdown), _plain_text(text, message.markdown)) in current
            ],
        )


def _by_context(document) -> dict[str, list[Message]]:
    grouped = defaultdict(list)
    for message in item_messages(document):
        grouped[message.context].append(message)
    return grouped


def _plain_text(text: str, markdown: bool) -> str:
    """A message's text as wagtail-localize's string of it reads, markup aside."""
    return _text(render_inline(text) if markdown else escape(text))


def _text(html: str) -> str:
    """What a reader sees of an HTML string: tags as spaces, entities decoded, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())
