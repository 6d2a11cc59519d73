"""The one search API of Rahnuma: what the search page, the JSON endpoint and the evaluation call.

    from search.api import search, suggest
    from search.query import SearchRequest

    response = search(SearchRequest(text="nokri saudia", language="ur", site_id=site.pk))
    response.hits[0].title, response.hits[0].url, response.facets["language"], response.suggestion

The query is analysed once in Python (search.query: normalisation, variant lexicon, spelling
corrections) and handed to the backend the SEARCH_BACKEND setting names. When Elasticsearch cannot
answer, the database backend answers instead, with a logged warning (``response.degraded``).
"""

import logging
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.safestring import SafeString

from search.backends.base import BackendUnavailable
from search.backends.database import DatabaseBackend
from search.highlight import highlight, snippet
from search.lexicon import get_lexicon
from search.links import DocumentLinks
from search.models import ContentType, SearchDocument
from search.query import FACETS, QueryPlan, SearchRequest, plan_query
from search.spelling import get_vocabulary

logger = logging.getLogger(__name__)


@dataclass
class SearchHit:
    doc_id: str
    title: SafeString  # escaped, matched words in <mark>
    snippet: SafeString
    url: str
    content_type: str
    language: str
    country: str
    publisher: str
    pack_id: str
    item_key: str

    @property
    def content_type_label(self) -> str:
        return str(ContentType(self.content_type).label)

    def as_json(self) -> dict:
        return {
            "id": self.doc_id,
            "title": str(self.title),
            "snippet": str(self.snippet),
            "url": self.url,
            "content_type": self.content_type,
            "language": self.language,
            "country": self.country,
            "publisher": self.publisher,
            "pack_id": self.pack_id,
            "key": self.item_key,
        }


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass
class SearchResponse:
    request: SearchRequest
    plan: QueryPlan
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    backend: str = ""
    degraded: bool = False  # answered by the database because the configured backend could not

    @property
    def suggestion(self) -> str:
        return self.plan.suggestion

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.request.page_size))

    def as_json(self) -> dict:
        return {
            "query": self.request.text,
            "normalised_query": self.plan.text,
            "total": self.total,
            "page": self.request.page,
            "pages": self.pages,
            "page_size": self.request.page_size,
            "did_you_mean": self.suggestion,
            "results": [hit.as_json() for hit in self.hits],
            "facets": {
                facet: [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
                for facet, values in self.facets.items()
            },
            "backend": self.backend,
            "degraded": self.degraded,
        }


def configured_backend():
    if settings.SEARCH_BACKEND == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend()
    return DatabaseBackend()


def plan(request: SearchRequest) -> QueryPlan:
    lexicon = get_lexicon()
    return plan_query(request.text, lexicon, get_vocabulary(lexicon), request.language)


def search(request: SearchRequest, http_request=None, backend=None) -> SearchResponse:
    """Search, with the matched words highlighted; ``http_request`` makes the result URLs relative to its site."""
    backend = backend or configured_backend()
    query_plan = plan(request)
    degraded = False
    try:
        results = backend.search(request, query_plan)
    except BackendUnavailable as error:
        logger.warning("search: %s is unavailable (%s); answering from the database", backend.name, error)
        backend, degraded = DatabaseBackend(), True
        results = backend.search(request, query_plan)
    terms = query_plan.all_terms()
    documents = SearchDocument.objects.in_bulk(results.doc_ids)  # pages are read only for URLs not kept (search.links)
    links = DocumentLinks(http_request, request.site_id)
    hits = [_hit(documents[pk], terms, links) for pk in results.doc_ids if pk in documents]
    facets = {
        facet: [
            FacetValue(value, count, value in request.filters.get(facet, ()))
            for value, count in results.facets.get(facet, {}).items()
        ]
        for facet in FACETS
    }
    # A chosen value stays listed (with 0) so it can be unticked even when nothing matches it any more.
    for facet, values in request.filters.items():
        listed = {value.value for value in facets[facet]}
        facets[facet] += [FacetValue(value, 0, True) for value in sorted(values - listed)]
    return SearchResponse(
        request=request,
        plan=query_plan,
        hits=hits,
        total=results.total,
        facets=facets,
        backend=backend.name,
        degraded=degraded,
    )


def _hit(document: SearchDocument, terms: set[str], links: DocumentLinks) -> SearchHit:
    return SearchHit(
        doc_id=document.doc_id,
        title=highlight(document.title, terms),
        snippet=snippet(document.summary, document.body, terms),
        url=links.url(document),
        content_type=document.content_type,
        language=document.language,
        country=document.country,
        publisher=document.publisher,
        pack_id=document.pack_id,
        item_key=document.item_key,
    )


def suggest(prefix: str, request: SearchRequest, limit: int = 8) -> list[str]:
    """Titles to offer while the learner types ``prefix`` (the learner's language first)."""
    backend = configured_backend()
    try:
        pks = backend.suggest(prefix, request, limit)
    except BackendUnavailable as error:
        logger.warning("search: %s is unavailable (%s); suggesting from the database", backend.name, error)
        pks = DatabaseBackend().suggest(prefix, request, limit)
    titles = SearchDocument.objects.in_bulk(pks)
    return list(dict.fromkeys(titles[pk].title for pk in pks if pk in titles))
