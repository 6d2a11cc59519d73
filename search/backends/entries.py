"""What each entry of the full-text index stands for: a search document's key, site and facet values.

The full-text queries (search.backends.fulltext) score index entries. Joining every match to its
entry row and its document row in SQL cost as much as scoring it (at 10,000 documents, a common
word matches thousands, and each join is a lookup in a table whose rows carry the whole text), so
each process keeps this small table instead, about 150 bytes a document, read again when the
documents change (search.reread). Entries indexed since it was read are looked up when they match.
"""

from operator import itemgetter
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from modelsearch.conf import get_app_config

from search.backends.base import Match
from search.models import SearchDocument
from search.reread import RereadCopy, rows_version

_new_tuple = tuple.__new__  # what NamedTuple._make calls, without its Python-level wrapper


FACET_FIELDS = ("language", "content_type", "country", "publisher")  # in search.backends.base.Match's order


class IndexedDocument(NamedTuple):
    pk: int
    site_id: int | None  # None: every site's
    facets: tuple[str, ...]  # the values of FACET_FIELDS


def _read(entry_ids=None) -> dict[int, IndexedDocument | None]:
    """Index entry id -> its document; None for entries of other models (Wagtail indexes pages too).

    Every entry, or those of ``entry_ids`` (an id no longer in the index maps to None)."""
    entries = get_app_config().get_model("IndexEntry").objects
    documents = SearchDocument.objects
    if entry_ids is not None:
        entries = entries.filter(pk__in=entry_ids)
    document_type = ContentType.objects.get_for_model(SearchDocument).pk
    entry_rows = list(entries.values_list("pk", "content_type_id", "object_id"))
    if entry_ids is not None:
        keys = [int(object_id) for _pk, type_id, object_id in entry_rows if type_id == document_type]
        documents = documents.filter(pk__in=keys)
    # The same facet values repeat across thousands of documents: one tuple for each combination.
    shared = {}
    by_key = {
        pk: IndexedDocument(pk, site_id, shared.setdefault(tuple(facets), tuple(facets)))
        for pk, site_id, *facets in documents.values_list("pk", "site_id", *FACET_FIELDS)
    }
    found = dict.fromkeys(entry_ids or (), None)
    for pk, type_id, object_id in entry_rows:
        found[pk] = by_key.get(int(object_id)) if type_id == document_type else None
    return found


def _version():
    return (*rows_version(SearchDocument.objects), get_app_config().get_model("IndexEntry").objects.count())


_copy = RereadCopy(version=_version, build=_read)

# Connected to SearchDocument saves and deletions (search.signals).
forget_indexed_documents = _copy.forget


def indexed_documents(entry_ids) -> dict[int, IndexedDocument | None]:
    """A table with (at least) the documents of ``entry_ids``; None for an entry not a search document's."""
    known = _copy.get()
    missing = set(entry_ids).difference(known)
    # Not added to the shared copy, which callers only read: the next re-read brings them in.
    return {**known, **_read(missing)} if missing else known


def document_matches(rows, site_id) -> list[Match]:
    """``rows`` of (entry id, relevance, in_title) as Matches of the documents of ``site_id``, in the same order."""
    documents = indexed_documents(map(itemgetter(0), rows))
    # A comprehension making the tuples directly: this runs for every match, thousands for a common word.
    return [
        _new_tuple(Match, (document.pk, relevance, in_title, *document.facets))
        for entry, relevance, in_title in rows
        if (document := documents[entry]) is not None and (site_id is None or document.site_id in (site_id, None))
    ]


def document_keys(entry_ids) -> set[int]:
    """The search documents' keys of ``entry_ids``."""
    documents = indexed_documents(entry_ids)
    return {document.pk for entry in entry_ids if (document := documents[entry]) is not None}
