"""Translating in wagtail-localize the way an editor does in its editor, for the tests.

The editor's strings are StringTranslations of the item's Translation (imported here through
the Translation's own PO export, exactly as wagtail-localize's PO upload does); saving publishes
the translated page through wagtail-localize's deferred publishing, which runs on commit.
"""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


def translate_as_editor(instance, language: str, strings: dict[str, str], run_on_commit, user=None):
    """Give ``instance``'s segments ``{source segment: translation}`` in ``language`` and save the target."""
    locale = Locale.objects.get(language_code=language)
    source = TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)
    translation = Translation.objects.get(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, "")  # blank entries are left alone by import_po
    assert {entry.msgid for entry in po} >= set(strings), "a string to translate is not a segment of the item"
    assert not translation.import_po(po, user=user)  # no warnings
    with run_on_commit(execute=True):
        translation.save_target(user=user)
