"""The default search backend: full-text search on the site's own database (search.backends.fulltext).

Every match comes back with its relevance in one query, and its facet values from the process's
table of index entries (search.backends.entries); ranking, filtering, multi-select facet counts and
pagination then happen here, so filters never cost another query.

Ranking: the place of each match by the database's relevance (BM25 on SQLite, ts_rank on
PostgreSQL; the title weighted), plus a bonus for documents containing a word as the learner typed it
rather than only one of its variants, and one for documents whose title has one of the words,
times LANGUAGE_BOOST for documents in the learner's language.
A query of several words first needs every word (in some spelling); when nothing has them all, any
word will do.
"""

from search.backends.base import LANGUAGE_BOOST, BackendResults, multi_select_facets, passes
from search.backends.fulltext import full_text
from search.normalise import stem, words

ORIGINAL_BONUS = 0.3
TITLE_BONUS = 0.5
RANK_SCALE = 10.0  # the 11th most relevant match counts half as much as the first


class DatabaseBackend:
    name = "database"

    def search(self, request, plan) -> BackendResults:
        if plan.is_empty:
            return BackendResults(doc_ids=[], total=0, facets={})
        text = full_text()
        groups = [spellings_to_match([spelling.terms for spelling in group.spellings]) for group in plan.groups]
        matches = text.matches(groups, request.site_id)
        if not matches and len(groups) > 1:
            matches = text.matches([[spelling for group in groups for spelling in group]], request.site_id)
        # Which matches have a word as typed (not only a variant): asked only for typed words that the
        # titles or summaries use, since a word nobody writes would cost a query to find nothing much.
        typed = [group.original.terms for group in plan.groups if group.known and len(group.spellings) > 1]
        originals = text.matching_ids([typed]) if matches and typed else set()
        ranked = rank(matches, originals, request.language)
        chosen = [match for match in ranked if passes(match, request.filters)] if request.filters else ranked
        page = chosen[request.offset : request.offset + request.page_size]
        return BackendResults(
            doc_ids=[match.pk for match in page],
            total=len(chosen),
            facets=multi_select_facets(matches, request.filters),
        )

    def suggest(self, prefix, request, limit) -> list[int]:
        typed = words(prefix)[-4:]
        if not typed:
            return []
        # Whole words are indexed stemmed; the word being typed is a prefix and stays as it is.
        terms = [*(stem(word) for word in typed[:-1]), typed[-1]]
        rows = full_text().prefix_matches(terms, request.site_id, limit * 4)
        rows.sort(key=lambda row: row[1] != request.language)  # stable: keeps the relevance order within each
        return [pk for pk, _language in rows[:limit]]


def spellings_to_match(spellings):
    """For a word typed alone, its spellings but the variant phrases containing another spelling
    ("protector ki mohar" beside "protector").

    Such a phrase matches only documents the shorter spelling matches, yet the full-text index must read
    its words' positions in every document: a common word's lexicon phrases made half the cost of its
    search. Their only use is to rank documents with the whole phrase higher, which is right when the
    learner typed a phrase (the judged queries lose precision without them) but not for a single word.
    """
    typed, *variants = spellings
    if len(typed) > 1:
        return spellings
    return [typed] + [
        spelling
        for spelling in variants
        if not any(len(other) < len(spelling) and _contains(spelling, other) for other in spellings)
    ]


def _contains(phrase, words) -> bool:
    return any(phrase[start : start + len(words)] == words for start in range(len(phrase) - len(words) + 1))


def rank(matches, originals, language):
    """``matches`` best first by the database's relevance (search.backends.fulltext), ranked as the module says."""
    # The database's relevance counts by its place, not its size: PostgreSQL's ts_rank can put a few
    # documents far above the rest, which no language boost could then overcome.
    scored = []
    for place, match in enumerate(matches):
        value = 1.0 / (1.0 + place / RANK_SCALE)
        value += (ORIGINAL_BONUS if match.pk in originals else 0.0) + (TITLE_BONUS if match.in_title else 0.0)
        scored.append((-value * (LANGUAGE_BOOST if match.language == language else 1.0), place, match))
    scored.sort()
    return [match for _score, _place, match in scored]
