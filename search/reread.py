"""Copies of database rows that every search needs, kept by each process and read again when they change.

The lexicon, the spelling vocabulary and the table of index entries are each built from many rows
that change rarely (an editor's entry, a publish), and building one takes up to a few hundred
milliseconds, so a process builds each once and keeps it. Whether the rows changed is asked with one
cheap query (a count and the latest change), at most every RECHECK_SECONDS; a save in the same
process forgets its copy at once through a signal (search.signals)::

    VOCABULARY = RereadCopy(version=documents_version, build=read_vocabulary)
    vocabulary = VOCABULARY.get(lexicon)      # the arguments are passed to both functions

Copies are shared by the process's threads: callers must not change them.
"""

import threading
import time
import weakref
from collections.abc import Callable, Hashable

from django.db.models import Count, Max

RECHECK_SECONDS = 10


class RereadCopy:
    _every_copy = weakref.WeakSet()

    def __init__(self, version: Callable[..., Hashable], build: Callable[..., object]):
        self._every_copy.add(self)
        self._version = version
        self._build = build
        self._lock = threading.Lock()
        self._value = None
        self._built_at_version = None
        self._checked_at = 0.0

    def get(self, *args):
        now = time.monotonic()
        if self._value is not None and now - self._checked_at < RECHECK_SECONDS:
            return self._value
        with self._lock:
            version = self._version(*args)
            if self._value is None or version != self._built_at_version:
                self._value = self._build(*args)
                self._built_at_version = version
            self._checked_at = now
            return self._value

    def forget(self, *args, **kwargs):
        """Drop the copy; connectable to model signals, whose arguments it ignores."""
        with self._lock:
            self._value = None

    @classmethod
    def forget_every_copy(cls):
        """For a database whose rows changed without signals, as a test's rolled-back transaction does."""
        for copy in list(cls._every_copy):
            copy.forget()


def rows_version(queryset) -> tuple:
    """How many rows there are and when the latest changed: what moves when a row is added, saved or deleted."""
    return tuple(queryset.aggregate(Count("pk"), Max("updated_at")).values())
