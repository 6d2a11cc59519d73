"""The segments a translation puts into its page or snippet, read as rows rather than as models.

wagtail-localize's ``TranslationSource._get_segments_for_translation`` builds a model instance (and
its context, string or template with it) for every segment of the source, then reads a few fields
of each; a pack install asks for every translated page. ``segments_for_translation`` reads the
same fields as values in as many queries and gives the same segments:
tests/test_translation_sources.py compares the two.
"""

import json

from django.db.models import OuterRef, Subquery
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TemplateSegment,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.strings import StringValue


def segments_for_translation(source, locale) -> list:
    """``source._get_segments_for_translation(locale, fallback=True)``: a string without a usable
    translation keeps its source text, and a related object not translated yet is left out."""
    return [
        *_string_segments(source, locale),
        *_template_segments(source),
        *_related_object_segments(source, locale),
        *_overridden_segments(source, locale),
    ]


def _string_segments(source, locale):
    # Like annotate_translation: a translation with an error is not used.
    translation = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), locale_id=locale.pk, context_id=OuterRef("context_id")
    ).exclude(has_error=True)
    rows = (
        StringSegment.objects.filter(source=source)
        .annotate(translation=Subquery(translation.values("data")))
        .values_list("context__path", "string__data", "translation", "attrs", "order")
    )
    for path, text, translated, attrs, order in rows:
        string = StringValue(translated or text)
        yield StringSegmentValue(path, string, attrs=json.loads(attrs)).with_order(order)


def _template_segments(source):
    rows = TemplateSegment.objects.filter(source=source).values_list(
        "context__path", "template__template_format", "template__template", "template__string_count", "order"
    )
    for path, template_format, template, string_count, order in rows:
        yield TemplateSegmentValue(path, template_format, template, string_count, order=order)


def _related_object_segments(source, locale):
    for segment in RelatedObjectSegment.objects.filter(source=source).select_related("object", "context"):
        related = segment.object
        if related.has_translation(locale):
            yield RelatedObjectSegmentValue(
                segment.context.path, related.content_type, related.translation_key, order=segment.order
            )


def _overridden_segments(source, locale):
    override = SegmentOverride.objects.filter(locale_id=locale.pk, context_id=OuterRef("context_id")).exclude(
        has_error=True
    )
    rows = (
        OverridableSegment.objects.filter(source=source)
        .annotate(override_json=Subquery(override.values("data_json")))
        .filter(override_json__isnull=False)
        .values_list("context__path", "override_json", "order")
    )
    for path, override_json, order in rows:
        yield OverridableSegmentValue(path, json.loads(override_json), order=order)
