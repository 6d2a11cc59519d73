"""A page's translation, made or updated directly and published at once.

wagtail-localize makes a first translation in three steps: ``copy_for_translation`` copies the
source page under the translated parent (a draft with the source text, and a first revision of
it), ``save_target`` puts in the translations and saves the page and a second revision, and
publishing loads, checks and saves it once more. ``create_translated_page`` builds the same page
in memory with wagtail-localize's and Wagtail's own functions (the copy, the synchronised fields,
the segments ``save_target`` uses, their ingestion, the slug) and adds it published in one go
(cms.core.page_publishing), with the TranslationLog wagtail-localize keeps. The page row, its
published revision and what editors do with the translation afterwards are the same; its history
lacks the untranslated copy's revision and the "copied for translation" entry.

``update_translated_page`` is ``save_target`` for a page translated before, without validating
the page twice, followed by publishing the revision without loading, validating and saving the
same content again (cms.core.page_publishing.publish_saved_revision; a page with a workflow,
comments or aliases is published by Wagtail's publish action, which looks after them).

tests/test_translated_pages.py compares both with wagtail-localize's way.
"""

from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, TranslatableMixin
from wagtail.models.copying import _copy
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import TranslationLog
from wagtail_localize.segments.ingest import ingest_segments

from cms.core.page_publishing import create_published_page, publish_saved_revision
from cms.core.translation_segments import segments_for_translation
from cms.core.translation_sources import source_instance


def write_translated_page(source, locale, *, user=None):
    """Make or update the translation of ``source``'s page into ``locale`` and publish it; return the page.

    Returns None, having written nothing, where wagtail-localize's own way is needed: a new
    translation whose parent is not translated (save_target copies the parents) or whose source
    page is not live (copy_for_translation then copies its latest draft), or an alias page
    (save_target turns it into a page of its own).
    """
    page = Page.objects.filter(translation_key=source.object_id, locale=locale).first()
    if page is None:
        return create_translated_page(source, locale, user=user)
    if page.alias_of_id:
        return None
    return update_translated_page(source, page.specific, user=user)


def create_translated_page(source, locale, *, user=None):
    """The first translation of ``source``'s page into ``locale``, published; None where it cannot be made here."""
    original = source_instance(source)
    if not isinstance(original, Page) or not original.live:
        return None
    parent = original.get_parent().get_translation_or_none(locale)
    if parent is None:
        return None
    page = _copy_into_locale(original, locale)
    _put_in_translations(source, original, page)
    page.slug = find_available_slug(parent, slugify(page.slug))
    revision = create_published_page(parent, page, user=user)
    _record(source, original, page, revision)
    return page


@transaction.atomic
def update_translated_page(source, page, *, user=None):
    """``save_target`` for the translated ``page`` (specific, fresh from the database), then publish it."""
    original = source_instance(source)
    _put_in_translations(source, original, page)
    page.slug = find_available_slug(page.get_parent(), slugify(page.slug), ignore_page_id=page.id)
    # save_target saves the page before its revision; save_revision validates the same content.
    page.save(clean=False)
    revision = page.save_revision(user=user)
    _record(source, original, page, revision)
    # The page was loaded in this call, so its tree position is current (see the localize notes, pitfall 1).
    publish_saved_revision(page, revision, user=user)
    return page


def _put_in_translations(source, original, page):
    """What save_target puts into the translated page: synchronised fields, then every segment."""
    copy_synchronised_fields(original, page)
    # Translated where a usable translation exists, else the source text.
    segments = segments_for_translation(source, page.locale)
    ingest_segments(original, page, source.locale, page.locale, segments)


def _record(source, original, page, revision):
    """What save_target does after saving: view restrictions follow the source's; the translation is logged."""
    source.sync_view_restrictions(original, page)
    TranslationLog.objects.create(source=source, locale=page.locale, revision=revision)


def _copy_into_locale(original, locale):
    """The unsaved copy ``original.copy_for_translation(locale)`` would add (Wagtail's copy helper, same settings)."""
    exclude_fields = original.default_exclude_fields_in_copy + original.exclude_fields_in_copy
    no_publication = {"live_revision": None, "first_published_at": None, "last_published_at": None}
    page, children = _copy(original, exclude_fields, {**no_publication, "alias_of": None, "locale": locale})
    for child in children.values():
        if isinstance(child, TranslatableMixin):
            child.locale = locale
    return page
