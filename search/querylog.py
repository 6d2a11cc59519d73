"""Counting what learners search for, without anything that leads back to a person.

One row per day, normalised query text and interface language (search.models.SearchQueryCount):
how many searches and how many found nothing. No session, user, IP address, user agent or time of
day is read or kept. Editors see the totals in the admin (search.admin_views) to find content gaps.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import SearchQueryCount

MAX_LOGGED_LENGTH = 200


def record(normalised_query: str, language: str, found: int):
    """Count one search for ``normalised_query`` (already normalised, see search.normalise) today."""
    query = normalised_query[:MAX_LOGGED_LENGTH]
    if not query:
        return
    key = {"day": timezone.localdate(), "query": query, "language": language}
    increments = {"searches": F("searches") + 1, "zero_results": F("zero_results") + (0 if found else 1)}
    if SearchQueryCount.objects.filter(**key).update(**increments):
        return
    try:
        with transaction.atomic():
            SearchQueryCount.objects.create(**key, searches=1, zero_results=0 if found else 1)
    except IntegrityError:  # another request created today's row first
        SearchQueryCount.objects.filter(**key).update(**increments)
