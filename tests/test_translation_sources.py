"""Sources and segments written a table at a time are the rows wagtail-localize's own code writes.

Each case runs wagtail-localize's TranslationSource.update_or_create_from_instance and our
update_or_create_source from the same database state (rolled back in between) and compares what
they leave behind. An upgrade of wagtail-localize that changes its rows fails here.
"""

import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    String,
    StringTranslation,
    Template,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments.ingest import ingest_segments

from cms.contacts.models import Contact
from cms.core.translation_segments import segments_for_translation
from cms.core.translation_sources import SEGMENT_FIELDS, source_instance, update_or_create_source
from cms.learning.models import LessonPage
from cms.packs.importer import install_pack
from tests.test_pack_media import IMAGE_BLOCK, add_image, add_to_lesson

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def rows_after(refresh, instance, prepare=lambda: None):
    """What ``refresh(instance)`` leaves in wagtail-localize's tables, then undone."""
    try:
        with transaction.atomic():
            prepare()
            _, created = refresh(instance)
            rows = snapshot(instance), created
            raise Rollback
    except Rollback:
        return rows


def snapshot(instance) -> dict:
    """The source and segment rows of ``instance``, by their content rather than by their ids."""
    source = TranslationSource.objects.get(object_id=instance.translation_key, locale_id=instance.locale_id)
    rows = {
        "source": (source.content_json, source.object_repr, source.specific_content_type_id, source.schema_version),
        "contexts": sorted(
            TranslationContext.objects.filter(object_id=source.object_id).values_list("path", "path_id", "field_path")
        ),
        "strings": sorted(String.objects.values_list("locale_id", "data_hash", "data")),
        "templates": sorted(Template.objects.values_list("uuid", "template", "template_format", "string_count")),
        "segment ids": {model.__name__: set(model.objects.values_list("id", flat=True)) for model in SEGMENT_FIELDS},
    }
    for model, fields in SEGMENT_FIELDS.items():
        # Rows by content: a context by its path, a string by its text, a template by its key.
        natural = {"context_id": "context__path", "string_id": "string__data", "template_id": "template__uuid"}
        rows[model.__name__] = sorted(
            model.objects.filter(source=source).values_list(*(natural.get(name, name) for name in fields))
        )
    return rows


def same_rows(ours, theirs, kept_ids=frozenset()):
    """Equal rows; of the segment ids in ``kept_ids`` (those before the refresh), the same ones survive."""
    ours, theirs = dict(ours), dict(theirs)
    our_ids, their_ids = ours.pop("segment ids"), theirs.pop("segment ids")
    assert ours == theirs
    for name, ids in our_ids.items():
        assert ids & kept_ids == their_ids[name] & kept_ids, name


def official(instance):
    return TranslationSource.update_or_create_from_instance(instance)


def forget_localize_rows():
    """An empty wagtail-localize: every source, segment, context, string and template deleted."""
    StringTranslation.objects.all().delete()
    TranslationSource.objects.all().delete()
    TranslationContext.objects.all().delete()
    String.objects.all().delete()
    Template.objects.all().delete()


@pytest.fixture
def installed(site, pack_copy):
    add_image(pack_copy)
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    install_pack(pack_copy, site)


def english_lesson():
    return LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="en")


def test_a_new_page_source_has_the_rows_wagtail_localize_writes(installed):
    lesson = english_lesson()
    (ours, created), (theirs, _) = (
        rows_after(refresh, lesson, forget_localize_rows) for refresh in (update_or_create_source, official)
    )
    same_rows(ours, theirs)
    assert created
    rows = ours
    # Every kind of segment the lesson has is covered: text, rich-text templates, the image.
    assert rows["StringSegment"] and rows["TemplateSegment"] and rows["OverridableSegment"]


def test_a_new_snippet_source_has_the_rows_wagtail_localize_writes(installed):
    contact = Contact.objects.get(pack_key="atlantis-helpline", locale__language_code="en")
    (ours, _), (theirs, _) = (
        rows_after(refresh, contact, forget_localize_rows) for refresh in (update_or_create_source, official)
    )
    same_rows(ours, theirs)
    assert ours["StringSegment"]


def test_a_changed_page_keeps_the_same_segments_and_drops_the_same_ones(installed):
    lesson = english_lesson()
    body = lesson.body.raw_data
    body[0]["value"] = body[0]["value"].replace("your hours and your rest day", "your hours, your leave")
    del body[1]  # a whole paragraph gone
    lesson.body = body
    lesson.title = "Your contract, revised"
    lesson.save_revision().publish()
    before = {
        model.__name__: set(model.objects.filter(source__object_id=lesson.translation_key).values_list("id", flat=True))
        for model in SEGMENT_FIELDS
    }

    def old_contexts_without_field_paths():
        # Contexts made before wagtail-localize 1.0 have no field path; a refresh fills it in.
        TranslationContext.objects.filter(object_id=lesson.translation_key).update(field_path="")

    (ours, created), (theirs, _) = (
        rows_after(refresh, lesson, old_contexts_without_field_paths) for refresh in (update_or_create_source, official)
    )
    same_rows(ours, theirs, kept_ids=set().union(*before.values()))
    assert not created
    kept = ours["segment ids"]["StringSegment"] & before["StringSegment"]
    assert kept and len(kept) < len(before["StringSegment"])  # some segments kept by id, others replaced


def test_an_unchanged_instance_keeps_its_source(installed):
    lesson = english_lesson()
    source = TranslationSource.objects.get(object_id=lesson.translation_key, locale=lesson.locale)
    assert update_or_create_source(lesson) == (source, False)


def test_a_sources_instance_is_built_once_and_each_copy_is_its_own(installed):
    lesson = english_lesson()
    source = TranslationSource.objects.get(object_id=lesson.translation_key, locale=lesson.locale)
    english = source.as_instance().serializable_data()
    original = source_instance(source)
    with CaptureQueriesContext(connection) as queries:
        target = source_instance(source)
    assert len(queries) == 0
    assert original.serializable_data() == target.serializable_data() == english

    # Ingesting the Urdu translation changes the original's StreamField values in place, as
    # wagtail-localize does; the next copy still has the source's content.
    urdu = Locale.objects.get(language_code="ur")
    ingest_segments(original, target, lesson.locale, urdu, source._get_segments_for_translation(urdu, fallback=True))
    assert original.serializable_data()["body"] != english["body"]
    assert source_instance(source).serializable_data() == english


def test_the_segments_for_a_translation_are_the_ones_wagtail_localize_reads(installed):
    lesson = english_lesson()
    source = TranslationSource.objects.get(object_id=lesson.translation_key, locale=lesson.locale)
    urdu, punjabi = Locale.objects.get(language_code="ur"), Locale.objects.get(language_code="pnb")
    translations = StringTranslation.objects.filter(context__object_id=source.object_id, locale=urdu)
    first, second = translations.order_by("pk")[:2]
    first.delete()  # untranslated: the source text is used
    StringTranslation.objects.filter(pk=second.pk).update(has_error=True)  # an error: not used either
    overridden, overridden_with_error = OverridableSegment.objects.filter(source=source).order_by("pk")[:2]
    SegmentOverride.objects.create(locale=urdu, context_id=overridden.context_id, data_json=json.dumps(12345))
    SegmentOverride.objects.create(
        locale=punjabi, context_id=overridden_with_error.context_id, data_json="67890", has_error=True
    )

    def described(segments):
        return sorted(((type(segment).__name__, segment.path, segment.order), segment) for segment in segments)

    for locale in (urdu, punjabi):
        ours = described(segments_for_translation(source, locale))
        assert ours == described(source._get_segments_for_translation(locale, fallback=True))
        kinds = {kind for (kind, _, _), _ in ours}
        assert kinds >= {"StringSegmentValue", "TemplateSegmentValue"}
    assert "OverridableSegmentValue" in {kind for (kind, _, _), _ in described(segments_for_translation(source, urdu))}
