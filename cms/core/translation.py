"""Making a wagtail-localize translation of a page or snippet from known strings."""

from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import Translation, TranslationSource


def translate_instance(instance, locale, strings: dict[str, str]) -> int:
    """Create or update ``instance``'s translation into ``locale`` from ``{source: translated}``.

    Strings are matched in wagtail-localize's segment form; segments without a translation fall
    back to the source text. Pages are saved as unpublished drafts: publish them afterwards, parents first,
    with freshly loaded pages (see ``publish_latest_revisions``). Returns the strings translated.
    """
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    translated = 0
    if strings:
        po = translation.export_po()
        for entry in po:
            entry.msgstr = strings.get(entry.msgid, "")
            translated += bool(entry.msgstr)
        translation.import_po(po, tool_name="rahnuma")
    # Drafts exist only for models with DraftStateMixin (pages); snippets like contacts save directly.
    translation.save_target(publish=not isinstance(instance, DraftStateMixin))
    return translated


def publish_latest_revisions(page_ids) -> None:
    """Publish pages in the given order, each loaded fresh from the database."""
    for page_id in page_ids:
        Page.objects.get(pk=page_id).specific.get_latest_revision().publish()
