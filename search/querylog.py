"""Counting what learners search for, without anything that leads back to a person.

One row per day, normalised query text and interface language (search.models.SearchQueryCount):
how many searches and how many found nothing. No session, user, IP address, user agent or time of
day is read or kept. Editors see the totals in the admin (search.admin_views) to find content gaps.

Each process adds its counts up in memory and writes them in one transaction at most every
SEARCH_LOG_WRITE_SECONDS (by the first search after that), and when it exits: written one search at a
time, every search took a turn at the database's write lock, which SQLite holds for the whole file,
so searches queued behind quiz answers and each other. A process that is killed loses its last
seconds of counts, which a log of what people look for can spare.
"""

import atexit
import threading
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import SearchQueryCount

MAX_LOGGED_LENGTH = 200

_pending: dict[tuple, list[int]] = {}  # (day, query, language) -> [searches, zero results]
_pending_lock = threading.Lock()
_last_written = [time.monotonic()]


def record(normalised_query: str, language: str, found: int):
    """Count one search for ``normalised_query`` (already normalised, see search.normalise) today."""
    query = normalised_query[:MAX_LOGGED_LENGTH]
    if not query:
        return
    with _pending_lock:
        counts = _pending.setdefault((timezone.localdate(), query, language), [0, 0])
        counts[0] += 1
        counts[1] += 0 if found else 1
        due = time.monotonic() - _last_written[0] >= settings.SEARCH_LOG_WRITE_SECONDS
    if due:
        write_pending()


def write_pending():
    """Write the counts this process holds."""
    with _pending_lock:
        pending = dict(_pending)
        _pending.clear()
        _last_written[0] = time.monotonic()
    if pending:
        with transaction.atomic():
            for (day, query, language), (searches, zero_results) in pending.items():
                _add(day, query, language, searches, zero_results)


def forget_pending():
    """Drop the counts not yet written (a test's, whose database is rolled back)."""
    with _pending_lock:
        _pending.clear()


def _add(day, query, language, searches, zero_results):
    key = {"day": day, "query": query, "language": language}
    increments = {"searches": F("searches") + searches, "zero_results": F("zero_results") + zero_results}
    if SearchQueryCount.objects.filter(**key).update(**increments):
        return
    try:
        with transaction.atomic():
            SearchQueryCount.objects.create(**key, searches=searches, zero_results=zero_results)
    except IntegrityError:  # another process created the row first
        SearchQueryCount.objects.filter(**key).update(**increments)


atexit.register(write_pending)
