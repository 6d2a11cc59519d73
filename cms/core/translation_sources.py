"""A wagtail-localize TranslationSource and its segments, written a table at a time.

wagtail-localize's ``TranslationSource.update_or_create_from_instance`` refreshes a source's
segments with one ``get_or_create`` per String, TranslationContext and segment: three to six
queries for every translatable string, most of a pack install's queries. ``update_or_create_source``
writes the same rows, looking up and creating each table's rows together. What goes into the rows
(the content JSON, the segment values, the hashes, the contexts' field paths) still comes from
wagtail-localize's own code; tests/test_translation_sources.py compares the rows with the ones
wagtail-localize writes, so an upgrade of wagtail-localize that changes them fails there.

``source_instance`` builds a source's instance once for the several times an install needs it.
"""

import copy
import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from modelcluster.models import ClusterableModel, get_all_child_relations, get_serializable_data_for_fields
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

# Each kind of segment and the fields that identify it (besides its source), as refresh_segments finds them.
SEGMENT_FIELDS = {
    StringSegment: ("context_id", "order", "string_id", "attrs"),
    TemplateSegment: ("context_id", "order", "template_id"),
    RelatedObjectSegment: ("context_id", "order", "object_id"),
    OverridableSegment: ("context_id", "order", "data_json"),
}


def update_or_create_source(instance) -> tuple[TranslationSource, bool]:
    """``TranslationSource.update_or_create_from_instance(instance)``, with the segments written in bulk.

    Like wagtail-localize: an unchanged instance returns its source untouched; a changed or new one
    gets its content stored and its segments refreshed (kept where unchanged, added, and deleted
    where the content no longer has them). Returns the source and whether it was created.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    translatable, _ = TranslatableObject.objects.get_or_create_from_instance(instance)
    content_json = _content_json(instance)
    source = TranslationSource.objects.filter(
        object_id=translatable.translation_key, locale_id=instance.locale_id
    ).first()
    if source and json.loads(content_json) == json.loads(source.content_json):
        return source, False
    source, created = TranslationSource.objects.update_or_create(
        object=translatable,
        locale=instance.locale,
        specific_content_type=ContentType.objects.get_for_model(instance.__class__),
        defaults={
            "locale": instance.locale,
            "object_repr": str(instance)[:200],
            "content_json": content_json,
            "schema_version": get_schema_version(instance._meta.app_label),
            "last_updated_at": timezone.now(),
        },
    )
    refresh_segments(source, new=created)
    return source, created


def source_instance(source: TranslationSource):
    """What ``source.as_instance()`` returns, built from the database once per ``source`` object.

    as_instance loads the object and checks each foreign key in the content, about eight queries
    every time, and a pack install asks once to refresh the segments and once per language. The
    instance built first is kept on ``source`` (with the content it was built from) and each call
    returns a copy of it whose StreamField values are its own: wagtail-localize's ingest_segments
    changes the original's StreamField values in place. An object with translatable child objects
    is built afresh each time, as ingestion changes the original's child objects in place too.
    """
    model = source.specific_content_type.model_class()
    if any(issubclass(relation.related_model, TranslatableMixin) for relation in get_all_child_relations(model)):
        return source.as_instance()
    built = getattr(source, "_built_instance", None)
    if built is None or built[0] != source.content_json:
        built = source._built_instance = (source.content_json, source.as_instance())
    return _copy_with_own_streams(built[1])


def _copy_with_own_streams(instance):
    duplicate = copy.copy(instance)
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            stream_data = copy.deepcopy(field.get_prep_value(field.value_from_object(instance)))
            setattr(duplicate, field.attname, field.to_python(stream_data))
    return duplicate


def _content_json(instance) -> str:
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


@transaction.atomic
def refresh_segments(source: TranslationSource, *, new: bool = False) -> None:
    """The rows ``source.refresh_segments()`` writes, a table at a time.

    ``new``: the source was just created, so it has no segments yet to compare with or delete.
    """
    instance = source_instance(source)
    values = extract_segments(instance)
    contexts = _contexts(source.object_id, [value.path for value in values], instance)
    strings = _strings(
        source.locale_id, [value.string.data for value in values if isinstance(value, StringSegmentValue)]
    )
    templates = _templates([value for value in values if isinstance(value, TemplateSegmentValue)])
    objects = _translatable_objects([value for value in values if isinstance(value, RelatedObjectSegmentValue)])
    rows = {model: [] for model in SEGMENT_FIELDS}
    for value in values:
        context, order = contexts[value.path], value.order
        if isinstance(value, TemplateSegmentValue):
            rows[TemplateSegment].append((context, order, templates[_template_uuid(value)]))
        elif isinstance(value, RelatedObjectSegmentValue):
            rows[RelatedObjectSegment].append((context, order, objects[value.translation_key]))
        elif isinstance(value, OverridableSegmentValue):
            rows[OverridableSegment].append((context, order, json.dumps(value.data, cls=DjangoJSONEncoder)))
        else:  # like refresh_segments, anything else is a string segment
            attrs = json.dumps(value.attrs, cls=DjangoJSONEncoder)
            rows[StringSegment].append((context, order, strings[value.string.data], attrs))
    for model, model_rows in rows.items():
        _sync_segments(model, source, model_rows, new)


def _sync_segments(model, source, rows: list[tuple], new: bool) -> None:
    """Keep the segments equal to a row, delete the others, create the missing ones.

    refresh_segments gets or creates each segment by all its fields, then deletes the ones it did
    not see; deleting first leaves the same rows.
    """
    fields = SEGMENT_FIELDS[model]
    missing = rows
    if not new:
        existing = {tuple(row[1:]): row[0] for row in model.objects.filter(source=source).values_list("id", *fields)}
        wanted = set(rows)
        model.objects.filter(source=source).exclude(
            id__in=[id for key, id in existing.items() if key in wanted]
        ).delete()
        missing = [row for row in rows if row not in existing]
    model.objects.bulk_create([model(source=source, **dict(zip(fields, row, strict=True))) for row in missing])


def _get_or_create_all(model, lookup: dict, key_field: str, wanted: dict) -> dict:
    """``{key: id}`` for ``wanted`` (``{key: unsaved instance}``), creating the rows that do not exist yet."""
    if not wanted:
        return {}
    found = dict(model.objects.filter(**lookup, **{f"{key_field}__in": list(wanted)}).values_list(key_field, "pk"))
    return found | _create_all(model, lookup, key_field, {key: row for key, row in wanted.items() if key not in found})


def _create_all(model, lookup: dict, key_field: str, new: dict) -> dict:
    """Create ``new`` (``{key: unsaved instance}``); return ``{key: id}``.

    ``ignore_conflicts`` and the lookup afterwards stand in for get_or_create's retry: a row that
    another transaction created meanwhile is found instead of failing the install.
    """
    if not new:
        return {}
    model.objects.bulk_create(list(new.values()), ignore_conflicts=True)
    return dict(model.objects.filter(**lookup, **{f"{key_field}__in": list(new)}).values_list(key_field, "pk"))


def _strings(locale_id, texts: list[str]) -> dict[str, int]:
    """String ids by text, as String.from_value finds or creates them (by locale and hash)."""
    wanted = {}
    for text in texts:
        data_hash = String._get_data_hash(text)
        wanted.setdefault(data_hash, String(locale_id=locale_id, data_hash=data_hash, data=text))
    ids = _get_or_create_all(String, {"locale_id": locale_id}, "data_hash", wanted)
    return {string.data: ids[data_hash] for data_hash, string in wanted.items()}


def _template_uuid(value) -> uuid.UUID:
    """Template.from_value's key for a template value."""
    return uuid.uuid5(uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format), value.template)


def _templates(values) -> dict[uuid.UUID, int]:
    wanted = {}
    for value in values:
        key = _template_uuid(value)
        wanted.setdefault(
            key,
            Template(uuid=key, template=value.template, template_format=value.format, string_count=value.string_count),
        )
    return _get_or_create_all(Template, {}, "uuid", wanted)


def _translatable_objects(values) -> dict[uuid.UUID, uuid.UUID]:
    """The TranslatableObjects related-object segments point at, by translation key (their primary key)."""
    by_type = {}
    for value in values:
        by_type.setdefault(value.content_type, {}).setdefault(
            value.translation_key,
            TranslatableObject(translation_key=value.translation_key, content_type=value.content_type),
        )
    found = {}
    for content_type, wanted in by_type.items():
        found |= _get_or_create_all(TranslatableObject, {"content_type": content_type}, "translation_key", wanted)
    return found


def _contexts(object_id, paths: list[str], instance) -> dict[str, int]:
    """TranslationContext ids by path; new contexts get their field path before they are saved."""
    existing = {
        context.path: context for context in TranslationContext.objects.filter(object_id=object_id, path__in=paths)
    }
    for context in existing.values():
        if not context.field_path:  # made before wagtail-localize 1.0: refresh_segments fills it in
            context.get_field_path(instance)
    new = {}
    for path in paths:
        if path not in existing and path not in new:
            new[path] = TranslationContext(
                object_id=object_id,
                path=path,
                path_id=TranslationContext._get_path_id(path),
                field_path=_field_path(path, instance),
            )
    ids = {path: context.id for path, context in existing.items()}
    return ids | _create_all(TranslationContext, {"object_id": object_id}, "path", new)


class _UnsavedContext:
    """Stands in for a new TranslationContext when asking wagtail-localize for its field path.

    TranslationContext.get_field_path computes the path from the instance and saves it on the
    context; here the save does nothing, so a new context is created with its field path at once.
    """

    def __init__(self, path: str):
        self.path = path
        self.field_path = ""

    def save(self, **kwargs):
        pass


def _field_path(path: str, instance) -> str:
    return TranslationContext.get_field_path(_UnsavedContext(path), instance)
