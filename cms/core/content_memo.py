"""Values read from the content, kept by each process until the content changes.

Some values almost every request needs (the main navigation, a page's language versions, a
lesson's quiz) cost queries and page-tree walks to compute, yet change only when content does.
The page cache's content generation (cms.core.page_cache) moves on with every such change, so a
value kept under the generation it was computed in is never served after a change: at once in
the process that made it, within RAHNUMA_PAGE_CACHE_CHECK_SECONDS in the others::

    NAVIGATION = ContentMemo(maxsize=64)
    navigation = NAVIGATION.get((site.pk, language), lambda: read_navigation(request, site))

The key must name everything the value depends on besides the content. Values are shared by the
process's threads: callers must not change them.
"""

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock


class ContentMemo:
    """At most ``maxsize`` values, the least recently used dropped first."""

    _every_memo = weakref.WeakSet()

    def __init__(self, maxsize: int):
        self.maxsize = maxsize
        self._values = OrderedDict()
        self._lock = Lock()
        self._every_memo.add(self)

    @classmethod
    def clear_every_memo(cls):
        """Forget every kept value: for a database whose generation counter may have gone back (a test's
        rolled-back transaction, a restored backup)."""
        for memo in list(cls._every_memo):
            memo.clear()

    def get(self, key: tuple[Hashable, ...], compute: Callable[[], object]):
        """The value kept for ``key`` in the current content generation, computed now if there is none."""
        # Imported here: page_cache imports Wagtail's views, which need the app registry, and models use memos.
        from cms.core.page_cache import current_generation

        full_key = (current_generation(), *key)
        with self._lock:
            if full_key in self._values:
                self._values.move_to_end(full_key)
                return self._values[full_key]
        # Computed outside the lock: two threads may both compute a missing value, and both are right.
        value = compute()
        with self._lock:
            self._values[full_key] = value
            while len(self._values) > self.maxsize:
                self._values.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._values.clear()
