"""Search and reference index updates held back during a pack install, then run once per object.

(The public search's documents, search.tasks, are held back the same way.)

Wagtail updates the search index (modelsearch) and the reference index after every save, through
django-tasks; with the immediate backend that is several queries per save, and an install saves
each page many times (revisions, publishing, translations). ``deferred_index_updates`` collects
those two tasks instead and, when the block ends without an error, runs each distinct one once,
so every object is indexed as it finally stands, both indexes a model at a time. Use it inside
the install's transaction, so the indexes commit or roll back with the content.

Only the current thread's task backend is swapped (django-tasks keeps backends per thread), so
saves in other threads are indexed as usual. Deletions are not tasks and still update the indexes
at once.
"""

import logging
from contextlib import contextmanager

from django.apps import apps
from django.db import transaction
from django_tasks import task, task_backends
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from modelsearch.backends import get_search_backends_with_name
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.tasks import update_reference_index_task

from search.tasks import sync_search_document_task, sync_search_documents

DEFERRED_TASKS = (insert_or_update_object_task, update_reference_index_task, sync_search_document_task)
_DEFERRED_PATHS = {task.module_path for task in DEFERRED_TASKS}
logger = logging.getLogger(__name__)


class _DeferringBackend:
    """Stands in for a task backend: collects the index tasks, passes any other task through."""

    def __init__(self, backend):
        self.backend = backend
        self.deferred = {}  # (task path, args, kwargs) -> (task, args, kwargs), in the order first seen

    def enqueue(self, task, args, kwargs):
        if task.module_path not in _DEFERRED_PATHS:
            return self.backend.enqueue(task, args, kwargs)
        key = (task.module_path, tuple(args), tuple(sorted(kwargs.items())))
        self.deferred.setdefault(key, (task, args, kwargs))
        return None  # the only callers, Wagtail's save signal handlers, ignore the result

    def __getattr__(self, name):
        return getattr(self.backend, name)

    def run_document_syncs(self):
        """Sync the collected public-search documents, a kind of object at a time, while still deferring:
        the SearchDocument rows saved queue their own search index updates here, added in bulk later."""
        pks_by_kind = {}
        for key, (deferred_task, args, _kwargs) in list(self.deferred.items()):
            if deferred_task.module_path == sync_search_document_task.module_path:
                del self.deferred[key]
                kind, pk = args
                pks_by_kind.setdefault(kind, []).append(pk)
        for kind, pks in pks_by_kind.items():
            sync_search_documents(kind, pks)

    def run_deferred(self):
        """Run the collected tasks; search index insertions and reference index updates go as one
        task per model (insert_or_update_objects_task, update_reference_index_objects_task)."""
        by_model = {  # the task for many objects -> (app label, model name) -> primary keys
            insert_or_update_objects_task: {},
            update_reference_index_objects_task: {},
        }
        for deferred_task, args, kwargs in self.deferred.values():
            batch_task = _BATCH_TASKS.get(deferred_task.module_path)
            if batch_task is not None and not kwargs and _batchable(batch_task, *args[:2]):
                app_label, model_name, pk = args
                by_model[batch_task].setdefault((app_label, model_name), []).append(pk)
            else:
                self.backend.enqueue(deferred_task, args, kwargs)
        for batch_task, pks_by_model in by_model.items():
            for (app_label, model_name), pks in pks_by_model.items():
                self.backend.enqueue(batch_task, [app_label, model_name, pks], {})
        self.deferred.clear()


@task()
def insert_or_update_objects_task(app_label: str, model_name: str, pks: list):
    """modelsearch's insert_or_update_object_task for many objects of one model, added to each index at once.

    One by one, the database backends look up and write each entry with several queries and then
    recompute an index-wide figure (the SQLite backend's title norm, from the average title
    length); adding a model's objects together does each once, and the new entries' title norms
    come from the index as it finally stands. Like modelsearch, an object is indexed as its indexed
    instance and only if its model's indexed objects include it.
    """
    for indexed_model, instances in _indexed_instances(apps.get_model(app_label, model_name), pks).items():
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(indexed_model, instances)
            except Exception:
                logger.exception(
                    "Exception raised while adding %s objects into the '%s' search backend", indexed_model, name
                )
                if not backend.catch_indexing_errors:  # database backends: the transaction fails anyway
                    raise


@task()
def update_reference_index_objects_task(app_label: str, model_name: str, pks: list):
    """Wagtail's update_reference_index_task for many objects of one model, loaded together with
    their child objects (whose references count as the object's)."""
    model = apps.get_model(app_label, model_name)
    if not ReferenceIndex.is_indexed(model):
        return
    child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    with transaction.atomic():
        for instance in model.objects.filter(pk__in=pks).prefetch_related(*child_relations):
            ReferenceIndex.create_or_update_for_object(instance)


_BATCH_TASKS = {
    insert_or_update_object_task.module_path: insert_or_update_objects_task,
    update_reference_index_task.module_path: update_reference_index_objects_task,
}


def _batchable(batch_task, app_label: str, model_name: str) -> bool:
    """Whether the model's objects can go in a batch: Wagtail's reference index task indexes a
    child object (one with a ParentalKey) as its parent, which the batch does not."""
    if batch_task is not update_reference_index_objects_task:
        return True
    model = apps.get_model(app_label, model_name)
    return not any(isinstance(field, ParentalKey) for field in model._meta.get_fields())


def _indexed_instances(model, pks) -> dict:
    """``model``'s objects ``pks`` as modelsearch's get_indexed_instance finds them, by their model."""
    found = {}
    for instance in model.objects.filter(pk__in=pks):
        indexed = instance.get_indexed_instance()
        if indexed is not None:
            found.setdefault(type(indexed), []).append(indexed)
    for indexed_model, instances in found.items():
        included = set(
            indexed_model.get_indexed_objects().filter(pk__in=[i.pk for i in instances]).values_list("pk", flat=True)
        )
        found[indexed_model] = [instance for instance in instances if instance.pk in included]
    return found


@contextmanager
def deferred_index_updates():
    """Hold back search and reference index updates in this thread until the block ends.

    Nested blocks join the outermost one. If the block raises, the collected updates are dropped
    (the surrounding transaction rolls the content back too).
    """
    aliases = {task.backend for task in DEFERRED_TASKS}
    if any(isinstance(task_backends[alias], _DeferringBackend) for alias in aliases):
        yield
        return
    deferring = {alias: _DeferringBackend(task_backends[alias]) for alias in aliases}
    for alias, backend in deferring.items():
        task_backends[alias] = backend
    try:
        yield
        for backend in deferring.values():
            backend.run_document_syncs()
    finally:
        for alias, backend in deferring.items():
            task_backends[alias] = backend.backend
    for backend in deferring.values():
        backend.run_deferred()
