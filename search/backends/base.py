"""What a search backend does for search.api, and the ranking and facet rules both backends share."""

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple, Protocol

from search.query import FACETS, QueryPlan, SearchRequest

# Results in the learner's language count this much more (boosted, never filtered).
LANGUAGE_BOOST = 2.0


class BackendUnavailable(RuntimeError):
    """The backend cannot answer now (e.g. Elasticsearch is down); search.api falls back to the database."""


@dataclass
class BackendResults:
    doc_ids: list[int]  # SearchDocument primary keys of the requested page, best first
    total: int  # matches after filters
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> count


class SearchBackend(Protocol):
    name: str

    def search(self, request: SearchRequest, plan: QueryPlan) -> BackendResults:
        """The documents of ``request.site_id`` matching ``plan``, filtered, faceted and paginated."""

    def suggest(self, prefix: str, request: SearchRequest, limit: int) -> list[int]:
        """SearchDocument keys whose titles have a word starting with the last word of ``prefix``."""


class Match(NamedTuple):
    """A matching document with what ranking and faceting need (the database backend's rows).

    A named tuple: a query may match thousands of documents, and tuples are quick to make and read."""

    pk: int
    relevance: float
    in_title: bool  # the title has at least one of the words
    language: str
    content_type: str
    country: str
    publisher: str


def passes(match: Match, filters: dict[str, frozenset[str]]) -> bool:
    return all(getattr(match, facet) in values for facet, values in filters.items())


def multi_select_facets(matches: list[Match], filters: dict[str, frozenset[str]]) -> dict[str, dict[str, int]]:
    """Counts per facet value, each facet counted under every filter but its own (so choosing a second
    language adds to the results instead of emptying the other counts)."""
    counters = {facet: Counter() for facet in FACETS}
    if not filters:
        for facet in FACETS:
            counters[facet].update(map(attrgetter(facet), matches))
    else:
        for match in matches:
            failing = [facet for facet, values in filters.items() if getattr(match, facet) not in values]
            if not failing:  # counts in every facet
                for facet in FACETS:
                    counters[facet][getattr(match, facet)] += 1
            elif len(failing) == 1:  # counts only in the facet whose filter it fails
                counters[failing[0]][getattr(match, failing[0])] += 1
    return {
        facet: {value: count for value, count in counter.most_common() if value} for facet, counter in counters.items()
    }
