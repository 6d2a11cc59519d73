"""Making a wagtail-localize translation of a page or snippet from known strings."""

from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

from cms.core.translated_pages import write_translated_page
from cms.core.translation_sources import update_or_create_source

# The tool name wagtail-localize records on translations that came from a pack. Anything else
# (typed in the editor, uploaded by a translator) is an editor's work and an install never replaces it.
PACK_TOOL = "rahnuma-course-pack"

# What a write replaces in an existing StringTranslation: created_at stays, and like wagtail-localize's
# import_po we leave field_error alone.
_UPDATED_FIELDS = ["data", "translation_type", "tool_name", "last_translated_by", "updated_at", "has_error"]


def translate_instance(instance, locale, strings: dict[str, str], *, user=None) -> int:
    """Create or update ``instance``'s translation into ``locale`` from ``{source: translated}``.

    Strings are matched in wagtail-localize's segment form; segments without a translation fall
    back to the source text. The source is refreshed from ``instance`` first, so a changed page
    gets its new segments. Without ``user`` the strings come from a pack (tool name PACK_TOOL) and
    never replace an editor's translation; with ``user`` they are that editor's work and replace
    anything. The StringTranslations are written as wagtail-localize's import_po writes them
    (including the obsolete ones it keeps for strings the source no longer has), in one statement.

    Pages are saved as unpublished drafts: publish them afterwards, parents first, with freshly
    loaded pages (see ``publish_latest_revisions``). Returns the strings translated.
    """
    source, _ = update_or_create_source(instance)
    return translate_source(source, locale, strings, user=user).strings


@dataclass
class Translated:
    strings: int  # strings translated
    draft: bool  # the target is a page saved as a draft, to be published (see publish_latest_revisions)


def translate_source(source, locale, strings: dict[str, str], *, user=None, publish_pages=False):
    """``translate_instance`` for a source refreshed already (``update_or_create_source``); returns Translated.

    With ``publish_pages``, a page's translation is made or updated and published at once where it
    can be (cms.core.translated_pages), instead of saved as a draft.
    """
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    translated = _write_string_translations(source, locale, strings, user) if strings else 0
    model = source.specific_content_type.model_class()
    if publish_pages and issubclass(model, Page) and write_translated_page(source, locale, user=user):
        return Translated(translated, draft=False)
    # Drafts exist only for models with DraftStateMixin (pages); snippets like contacts save directly.
    draft = issubclass(model, DraftStateMixin)
    translation.save_target(user=user, publish=not draft)
    return Translated(translated, draft)


def _write_string_translations(source, locale, strings: dict[str, str], user) -> int:
    """Write ``strings`` as ``source``'s StringTranslations into ``locale``; return how many apply.

    Like import_po, a text equal to the stored one is not rewritten (but still counts).
    """
    # Every language's translations of the object, then this language's: filtered by locale in SQL,
    # SQLite goes through all of the language's translations in the site (its locale index) instead
    # of the object's few (its contexts), a cost that grew with every page a pack install added.
    existing = {
        (string_id, context_id): (source_text, data, tool_name)
        for locale_id, string_id, context_id, source_text, data, tool_name in StringTranslation.objects.filter(
            context__object_id=source.object_id
        ).values_list("locale_id", "translation_of_id", "context_id", "translation_of__data", "data", "tool_name")
        if locale_id == locale.pk
    }
    segments = list(
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("string_id", "context_id", "string__data")
    )
    used_strings = {string_id for string_id, _, _ in segments}
    obsolete = [(key[0], key[1], row[0]) for key, row in existing.items() if key[0] not in used_strings]
    now = timezone.now()
    translated = 0
    rows = {}
    for string_id, context_id, source_text in [*segments, *obsolete]:
        text = strings.get(source_text)
        _, current_text, current_tool = existing.get((string_id, context_id), (None, None, None))
        if not text or (user is None and current_tool not in (None, PACK_TOOL)):
            continue  # untranslated, or an editor's translation that a pack never replaces
        translated += 1
        if text != current_text:
            rows[string_id, context_id] = StringTranslation(
                translation_of_id=string_id,
                locale=locale,
                context_id=context_id,
                data=text,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                tool_name="" if user else PACK_TOOL,
                last_translated_by=user,
                created_at=now,
                updated_at=now,
                has_error=not _is_valid_translation(source_text, text),
            )
    StringTranslation.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["locale", "translation_of", "context"],
        update_fields=_UPDATED_FIELDS,
    )
    return translated


def _is_valid_translation(source_text: str, text: str) -> bool:
    """What StringTranslation.save checks (bulk_create skips save): the HTML parses and keeps the source's links."""
    if "<" not in text:
        return True  # without a tag there is nothing either check could refuse: both look only at tags
    try:
        StringValue.from_translated_html(text)
        validate_translation_links(source_text, text)
    except ValueError:
        return False
    return True


def publish_latest_revisions(page_ids) -> None:
    """Publish pages in the given order, each loaded fresh from the database."""
    for page_id in page_ids:
        Page.objects.get(pk=page_id).specific.get_latest_revision().publish()
