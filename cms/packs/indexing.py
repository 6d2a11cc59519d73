"""Search and reference index updates held back during a pack install, then run once per object.

Wagtail updates the search index (modelsearch) and the reference index after every save, through
django-tasks; with the immediate backend that is several queries per save, and an install saves
each page many times (revisions, publishing, translations). ``deferred_index_updates`` collects
those two tasks instead and, when the block ends without an error, runs each distinct one once,
so every object is indexed as it finally stands. Use it inside the install's transaction, so the
indexes commit or roll back with the content.

Only the current thread's task backend is swapped (django-tasks keeps backends per thread), so
saves in other threads are indexed as usual. Deletions are not tasks and still update the indexes
at once.
"""

from contextlib import contextmanager

from django_tasks import task_backends
from modelsearch.tasks import insert_or_update_object_task
from wagtail.tasks import update_reference_index_task

DEFERRED_TASKS = (insert_or_update_object_task, update_reference_index_task)
_DEFERRED_PATHS = {task.module_path for task in DEFERRED_TASKS}


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

    def run_deferred(self):
        for task, args, kwargs in self.deferred.values():
            self.backend.enqueue(task, args, kwargs)
        self.deferred.clear()


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
    finally:
        for alias, backend in deferring.items():
            task_backends[alias] = backend.backend
    for backend in deferring.values():
        backend.run_deferred()
