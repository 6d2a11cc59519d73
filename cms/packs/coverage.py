"""How much of an installed pack is translated, per language, and which translations are out of date.

wagtail-localize records, per segment of a source (a title, a paragraph, a key-fact label...),
whether a StringTranslation exists in a locale; it has no notion of a translation going out of
date. When an upgrade or an editor changes a string, the new string simply has no translation
and the translated page falls back to the source text. Its context (the same field or block)
still holds the translation of the string it replaced, though, and that is how this report finds
out-of-date translations: a segment of the current source with no translation in the locale,
whose context has a translation of a string that is no longer the source's. Editors see the
item, the new source text and the previous translation, and fix it in wagtail-localize or by
uploading a PO file (``cms.packs.translation_files``).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cms.packs.exporter import find_pack_objects


@dataclass
class OutdatedTranslation:
    item: object  # the source-language page or contact
    translated_item: object | None  # its copy in the language, where the translation is edited
    source_text: str  # the new source string, in wagtail-localize's HTML form
    previous: list[str]  # translations of the strings the same context held before


@dataclass
class LanguageCoverage:
    locale: Locale
    translated: int = 0  # segments with a translation
    total: int = 0
    outdated: list[OutdatedTranslation] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        """Translated segments as a fraction of all, None for a pack with nothing to translate."""
        return self.translated / self.total if self.total else None


def pack_coverage(record) -> list[LanguageCoverage]:
    """Per translation language of the installed pack ``record``, in the pack's order of languages."""
    found = find_pack_objects(record)
    items = {item.translation_key: item for item in found.items()}
    codes = [code for code in record.languages if code != found.source_locale.language_code]
    locales = sorted(
        Locale.objects.filter(language_code__in=codes), key=lambda locale: codes.index(locale.language_code)
    )
    sources = TranslationSource.objects.filter(object_id__in=items, locale=found.source_locale)
    order = {key: index for index, key in enumerate(items)}
    segments = sorted(
        StringSegment.objects.filter(source__in=sources).select_related("string", "source"),
        key=lambda segment: (order[segment.source.object_id], segment.order),
    )
    current = defaultdict(set)  # context -> the strings the current source has there
    for segment in segments:
        current[segment.context_id].add(segment.string_id)
    translated = set()  # (locale, string, context)
    earlier = defaultdict(list)  # (locale, context) -> translations of strings the context no longer has
    for translation in StringTranslation.objects.filter(
        context__object_id__in=items, locale__in=locales, has_error=False
    ).order_by("pk"):
        translated.add((translation.locale_id, translation.translation_of_id, translation.context_id))
        if translation.translation_of_id not in current[translation.context_id]:
            earlier[(translation.locale_id, translation.context_id)].append(translation.data)

    report = []
    for locale in locales:
        coverage = LanguageCoverage(locale)
        copies = {}
        for segment in segments:
            coverage.total += 1
            if (locale.pk, segment.string_id, segment.context_id) in translated:
                coverage.translated += 1
                continue
            previous = earlier[(locale.pk, segment.context_id)]
            if previous:
                item = items[segment.source.object_id]
                if item.pk not in copies:
                    copies[item.pk] = (
                        type(item).objects.filter(translation_key=item.translation_key, locale=locale).first()
                    )
                coverage.outdated.append(OutdatedTranslation(item, copies[item.pk], segment.string.data, previous))
        report.append(coverage)
    return report
