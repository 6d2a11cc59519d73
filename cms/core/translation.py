"""Making a wagtail-localize translation of a page or snippet from known strings."""

from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

# The tool name wagtail-localize records on translations that came from a pack. Anything else
# (typed in the editor, uploaded by a translator) is an editor's work and an install never replaces it.
PACK_TOOL = "rahnuma-course-pack"


def translate_instance(instance, locale, strings: dict[str, str], *, user=None) -> int:
    """Create or update ``instance``'s translation into ``locale`` from ``{source: translated}``.

    Strings are matched in wagtail-localize's segment form; segments without a translation fall
    back to the source text. The source is refreshed from ``instance`` first, so a changed page
    gets its new segments. Without ``user`` the strings come from a pack and never replace an
    editor's translation; with ``user`` they are that editor's work and replace anything.

    Pages are saved as unpublished drafts: publish them afterwards, parents first, with freshly
    loaded pages (see ``publish_latest_revisions``). Returns the strings translated.
    """
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    translated = 0
    if strings:
        keep = set() if user else _editors_translations(source, locale)
        po = translation.export_po()
        for entry in po:
            if (entry.msgctxt, entry.msgid) in keep:
                entry.msgstr = ""  # import_po skips blank entries, so the editor's text stays
                continue
            entry.msgstr = strings.get(entry.msgid, "")
            translated += bool(entry.msgstr)
        translation.import_po(po, user=user, tool_name="" if user else PACK_TOOL)
    # Drafts exist only for models with DraftStateMixin (pages); snippets like contacts save directly.
    translation.save_target(user=user, publish=not isinstance(instance, DraftStateMixin))
    return translated


def _editors_translations(source, locale) -> set[tuple[str, str]]:
    """(context, source string) pairs of ``source`` that an editor translated into ``locale``."""
    return set(
        StringTranslation.objects.filter(locale=locale, context__object_id=source.object_id)
        .exclude(tool_name=PACK_TOOL)
        .values_list("context__path", "translation_of__data")
    )


def publish_latest_revisions(page_ids) -> None:
    """Publish pages in the given order, each loaded fresh from the database."""
    for page_id in page_ids:
        Page.objects.get(pk=page_id).specific.get_latest_revision().publish()
