"""The Elasticsearch backend: the public search on its own index, built with elasticsearch.dsl.

Wagtail's own Elasticsearch backend needs analysis modules (ngram, asciifolding) that a plain
server core lacks, and normalising Urdu needs Python anyway; so this index holds the documents'
normalised text (search.normalise) in fields with the core ``whitespace`` analyzer, and every query
is the same QueryPlan the database backend searches.

- **Index and alias.** Documents live in a versioned index (``<alias>-v<MAPPING_VERSION>-<time>``)
  behind the alias ``settings.ELASTICSEARCH_INDEX``. ``rebuild()`` fills a new index, merges it into
  one segment, swaps the alias to it in one atomic request, catches up on what changed meanwhile
  and deletes the old index: searches never see a half-built index.
- **Kept up to date.** search.signals calls ``queue_update`` for every SearchDocument saved or
  deleted; after the transaction commits, the changed documents are sent in one bulk request. If
  the node is down then, the change is logged and waits for the next rebuild.
- **Queries.** Every word group must match (in any of its spellings; a second try with any group
  when none has them all); spellings weighted as the plan says, Latin-script words also fuzzily;
  the title counts most, and a title with every word counts again; the learner's language
  boosted; filters as a post_filter and the facets as filter+terms aggregations, each ignoring its
  own filter (multi-select). Autocomplete is a
  bool-prefix match on the title, whose prefixes are indexed (``index_prefixes``).
- **Failures** raise BackendUnavailable, so search.api answers from the database instead.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import Document, Keyword, Long, Q, Search, Text

from search.backends.base import LANGUAGE_BOOST, BackendResults, BackendUnavailable
from search.models import SearchDocument
from search.normalise import index_text, is_latin, stem, words
from search.query import FACETS

logger = logging.getLogger(__name__)

MAPPING_VERSION = 1
ALL_SITES = "all"  # site_id of a contact every site lists
FIELDS = ["title^4", "summary^1.5", "body"]
FUZZY_WEIGHT = 0.4  # a fuzzy match of a Latin word counts this much of an exact one
MIN_FUZZY_LENGTH = 4
TITLE_BOOST = 1.0  # documents whose title has every word of the query get that match added again
SEARCH_TIMEOUT_SECONDS = 3
MERGE_TIMEOUT_SECONDS = 600  # the merge answers when done: minutes for a much larger index than today's
BULK_CHUNK = 500


class IndexedDocument(Document):
    """A SearchDocument as the index holds it; text fields carry normalised, analysed words."""

    doc_pk = Long()
    site = Keyword()
    language = Keyword()
    content_type = Keyword()
    country = Keyword()
    publisher = Keyword()
    title = Text(analyzer="whitespace", index_prefixes={"min_chars": 1, "max_chars": 10})
    summary = Text(analyzer="whitespace")
    body = Text(analyzer="whitespace")

    @classmethod
    def from_row(cls, row: SearchDocument) -> "IndexedDocument":
        return cls(
            meta={"id": row.doc_id},
            doc_pk=row.pk,
            site=str(row.site_id) if row.site_id else ALL_SITES,
            language=row.language,
            content_type=row.content_type,
            country=row.country,
            publisher=row.publisher,
            title=index_text(row.title),
            summary=index_text(row.summary),
            body=index_text(row.body),
        )


class SearchIndex:
    """The public search index behind its alias: building, swapping and updating it."""

    def __init__(self, url: str, alias: str):
        self.client = Elasticsearch(url, request_timeout=30, max_retries=0, retry_on_timeout=False)
        # Searches give up sooner than index work; made once, as options() builds a new client each call.
        self.search_client = self.client.options(request_timeout=SEARCH_TIMEOUT_SECONDS)
        self.alias = alias
        self.pending = threading.local()

    def _mapping(self):
        return IndexedDocument._doc_type.mapping.to_dict()

    def exists(self) -> bool:
        return bool(self.client.indices.exists_alias(name=self.alias))

    def create_versioned_index(self) -> str:
        name = f"{self.alias}-v{MAPPING_VERSION}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 100000:05d}"
        self.client.indices.create(
            index=name,
            settings={"number_of_shards": 1, "number_of_replicas": 0},
            mappings=self._mapping(),
        )
        return name

    def indices(self) -> list[str]:
        if not self.exists():
            return []
        return sorted(self.client.indices.get_alias(name=self.alias))

    def _actions(self, rows, index: str):
        for row in rows:
            document = IndexedDocument.from_row(row)
            yield {"_op_type": "index", "_index": index, "_id": row.doc_id, "_source": document.to_dict()}

    def rebuild(self) -> dict:
        """Fill a new index from the database, point the alias at it, delete the old one; returns counts."""
        started = time.time()
        since = timezone.now()
        new = self.create_versioned_index()
        old = self.indices()
        try:
            indexed, _ = helpers.bulk(
                self.client,
                self._actions(SearchDocument.objects.iterator(chunk_size=BULK_CHUNK), new),
                chunk_size=BULK_CHUNK,
            )
            self.client.indices.refresh(index=new)
            # Bulk indexing leaves several segments, and a query does its term lookups and fuzzy
            # expansions in each one: merged into one before searches see it, p95 over 10,000
            # documents fell from 39 to 26 ms on a fresh node. Later publishes add small segments,
            # which Elasticsearch's merge policy still merges as usual.
            self.client.options(request_timeout=MERGE_TIMEOUT_SECONDS).indices.forcemerge(index=new, max_num_segments=1)
            actions = [{"add": {"index": new, "alias": self.alias}}]
            actions += [{"remove": {"index": index, "alias": self.alias}} for index in old]
            self.client.indices.update_aliases(actions=actions)
        except Exception:
            self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        self._catch_up(new, since)
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return {"index": new, "documents": indexed, "removed_indices": old, "seconds": round(time.time() - started, 1)}

    def _catch_up(self, index: str, since):
        """Documents saved or deleted while the new index filled (their updates went to the old one)."""
        changed = SearchDocument.objects.filter(updated_at__gte=since)
        helpers.bulk(self.client, self._actions(changed, index), chunk_size=BULK_CHUNK)
        known = set(SearchDocument.objects.values_list("doc_id", flat=True))
        stale = [
            hit["_id"]
            for hit in helpers.scan(self.client, index=index, query={"query": {"match_all": {}}}, _source=False)
            if hit["_id"] not in known
        ]
        helpers.bulk(
            self.client,
            ({"_op_type": "delete", "_index": index, "_id": doc_id} for doc_id in stale),
            raise_on_error=False,
        )
        self.client.indices.refresh(index=index)

    def ensure(self):
        """An (empty) index behind the alias, if there is none yet."""
        if not self.exists():
            new = self.create_versioned_index()
            self.client.indices.put_alias(index=new, name=self.alias)

    def drop(self):
        """Delete the alias's indices (tests; `search_index drop`)."""
        for index in self.indices():
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def queue_update(self, doc_id: str):
        """Send this document's current state to the index once the surrounding transaction commits.

        Every call asks for a flush after the commit; the first one sends all queued documents and the
        others find nothing left. (A rolled-back transaction drops its flushes; its documents stay queued
        and go with the next flush, which sends each one as the database has it then.)
        """
        if getattr(self.pending, "doc_ids", None) is None:
            self.pending.doc_ids = set()
        self.pending.doc_ids.add(doc_id)
        transaction.on_commit(self.flush)

    def flush(self):
        doc_ids = getattr(self.pending, "doc_ids", None) or set()
        self.pending.doc_ids = set()
        if not doc_ids:
            return
        rows = list(SearchDocument.objects.filter(doc_id__in=doc_ids))
        present = {row.doc_id for row in rows}
        actions = list(self._actions(rows, self.alias))
        actions += [{"_op_type": "delete", "_index": self.alias, "_id": doc_id} for doc_id in doc_ids - present]
        try:
            self.ensure()
            _, errors = helpers.bulk(self.client, actions, raise_on_error=False, refresh="wait_for")
        except (ApiError, TransportError) as error:
            logger.warning("search: could not update %d documents in Elasticsearch: %s", len(doc_ids), error)
            return
        failed = [error for error in errors if next(iter(error.values())).get("status") != 404]
        if failed:
            logger.warning("search: Elasticsearch refused %d document updates: %s", len(failed), failed[:3])


_shared = {}
_shared_lock = threading.Lock()


def shared_index() -> SearchIndex:
    """The process's SearchIndex for the configured URL and alias."""
    key = (settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = SearchIndex(*key)
        return _shared[key]


def _spelling_query(spelling):
    text = spelling.text
    if len(spelling.terms) > 1:
        return [Q("multi_match", query=text, fields=FIELDS, type="phrase", boost=spelling.weight)]
    queries = [Q("multi_match", query=text, fields=FIELDS, boost=spelling.weight)]
    if spelling.kind in ("original", "spelling") and is_latin(text) and len(text) >= MIN_FUZZY_LENGTH:
        queries.append(
            Q(
                "multi_match",
                query=text,
                fields=FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
                boost=spelling.weight * FUZZY_WEIGHT,
            )
        )
    return queries


def _group_query(group):
    return Q("dis_max", queries=[query for spelling in group.spellings for query in _spelling_query(spelling)])


def _title_query(group):
    """The group matched in the title alone (the documents whose titles have every word get it added)."""
    return Q("dis_max", queries=[Q("match_phrase", title=spelling.text) for spelling in group.spellings])


def _filter_query(filters, ignore=None):
    return [Q("terms", **{facet: sorted(values)}) for facet, values in filters.items() if facet != ignore]


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, index: SearchIndex | None = None):
        self.index = index or shared_index()

    def _base(self, request):
        search = Search(using=self.index.search_client, index=self.index.alias)
        sites = [ALL_SITES] + ([str(request.site_id)] if request.site_id else [])
        return search.filter("terms", site=sites) if request.site_id else search

    def _boosted(self, query, language):
        return Q(
            "function_score",
            query=query,
            functions=[{"filter": Q("term", language=language), "weight": LANGUAGE_BOOST}],
            boost_mode="multiply",
        )

    def _run(self, search):
        try:
            return search.execute()
        except (ApiError, TransportError) as error:
            raise BackendUnavailable(str(error)) from error

    def search(self, request, plan) -> BackendResults:
        if plan.is_empty:
            return BackendResults(doc_ids=[], total=0, facets={})
        groups = [_group_query(group) for group in plan.groups]
        whole_title = Q("bool", must=[_title_query(group) for group in plan.groups], boost=TITLE_BOOST)
        response = self._run(self._query(request, Q("bool", must=groups, should=[whole_title])))
        if response.hits.total.value == 0 and len(groups) > 1:
            any_group = Q("bool", should=groups, minimum_should_match=1)
            response = self._run(self._query(request, any_group))
        facets = {
            facet: {bucket.key: bucket.doc_count for bucket in getattr(response.aggregations, facet).values.buckets}
            for facet in FACETS
        }
        return BackendResults(
            doc_ids=[hit.doc_pk for hit in response.hits],
            total=response.hits.total.value,
            facets={
                facet: {value: count for value, count in counts.items() if value} for facet, counts in facets.items()
            },
        )

    def _query(self, request, text_query):
        search = self._base(request).query(self._boosted(text_query, request.language))
        if request.filters:
            search = search.post_filter(Q("bool", filter=_filter_query(request.filters)))
        for facet in FACETS:
            other_filters = _filter_query(request.filters, ignore=facet)
            bucket = search.aggs.bucket(facet, "filter", filter=Q("bool", filter=other_filters))
            bucket.bucket("values", "terms", field=facet, size=50)
        search = search.extra(track_total_hits=True, from_=request.offset, size=request.page_size)
        return search.source(["doc_pk"]).sort("_score", {"doc_pk": "asc"})

    def suggest(self, prefix, request, limit) -> list[int]:
        typed = words(prefix)[-4:]
        if not typed:
            return []
        text = " ".join([*(stem(word) for word in typed[:-1]), typed[-1]])
        query = self._boosted(Q("match_bool_prefix", title={"query": text, "operator": "and"}), request.language)
        search = self._base(request).query(query).source(["doc_pk"]).extra(size=limit)
        return [hit.doc_pk for hit in self._run(search).hits]
