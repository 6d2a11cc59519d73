"""A search request, checked, and its query text analysed into what every backend searches for.

``SearchRequest.from_params`` validates untrusted input (a query string, filters, a page number);
``plan_query`` turns the text into a ``QueryPlan``: the normalised words, grouped, each group with
the spellings to look for:

- the word as typed (weighted highest),
- its lexicon variants (search.lexicon: other spellings, scripts and languages of the same word),
- for a word that nothing in the index or lexicon contains, spelling corrections (search.spelling).

Both backends search the same plan, so they differ only in how they score it.
"""

import re
from dataclasses import dataclass, field

from search.lexicon import MAX_PHRASE_WORDS, Lexicon
from search.models import ContentType
from search.normalise import MAX_QUERY_LENGTH, analyse, normalise
from search.spelling import Vocabulary

MAX_PAGE = 50
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 10
MAX_WORDS = 8  # words beyond this are dropped: nobody types more, and each costs a clause
FACETS = ("content_type", "language", "country", "publisher")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_PUBLISHER = re.compile(r"^[a-z0-9][a-z0-9.-]{0,79}$")

# How much each kind of spelling counts, relative to the word as typed.
ORIGINAL_WEIGHT = 1.0
VARIANT_WEIGHT = 0.6
CORRECTION_WEIGHT = 0.5
SKELETON_WEIGHT = 0.3


class SearchInputError(ValueError):
    """A search parameter is invalid; the message says which and why, in plain words."""


@dataclass(frozen=True)
class SearchRequest:
    text: str
    language: str  # the learner's language: boosted, never a filter
    site_id: int | None = None
    filters: dict[str, frozenset[str]] = field(default_factory=dict)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @classmethod
    def from_params(cls, params, *, language: str, site_id: int | None, languages: list[str]) -> "SearchRequest":
        """From a query dict (request.GET): ``q``, ``page``, ``page_size`` and facet filters, each repeatable."""
        text = params.get("q", "")
        if len(text) > MAX_QUERY_LENGTH:
            raise SearchInputError(f"the search text is too long (at most {MAX_QUERY_LENGTH} characters)")
        filters = {}
        for facet in FACETS:
            values = frozenset(value for value in params.getlist(facet) if value)
            for value in values:
                _check_filter(facet, value, languages)
            if values:
                filters[facet] = values
        return cls(
            text=text,
            language=language,
            site_id=site_id,
            filters=filters,
            page=_bounded_int(params.get("page", "1"), "page", 1, MAX_PAGE),
            page_size=_bounded_int(params.get("page_size", str(DEFAULT_PAGE_SIZE)), "page_size", 1, MAX_PAGE_SIZE),
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def _bounded_int(raw: str, name: str, low: int, high: int) -> int:
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise SearchInputError(f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def _check_filter(facet: str, value: str, languages: list[str]):
    valid = {
        "content_type": value in ContentType.values,
        "language": value in languages,
        "country": bool(_COUNTRY.match(value)),
        "publisher": bool(_PUBLISHER.match(value)),
    }[facet]
    if not valid:
        raise SearchInputError(f"{value[:40]!r} is not a valid {facet.replace('_', ' ')}")


@dataclass(frozen=True)
class Spelling:
    terms: tuple[str, ...]  # analysed words; more than one for a phrase
    weight: float
    kind: str  # "original", "variant", "spelling", "sound" or "skeleton"

    @property
    def text(self) -> str:
        return " ".join(self.terms)


@dataclass(frozen=True)
class TermGroup:
    """One word (or lexicon phrase) of the query and the spellings that may stand for it."""

    spellings: tuple[Spelling, ...]
    known: bool = True  # whether the documents' titles or summaries have the word as typed

    @property
    def original(self) -> Spelling:
        return self.spellings[0]


@dataclass(frozen=True)
class QueryPlan:
    text: str  # the normalised query
    groups: tuple[TermGroup, ...]
    suggestion: str = ""  # "did you mean", when a word was unknown and a better spelling is known

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def all_terms(self) -> set[str]:
        """Every analysed word any spelling of the plan contains (for highlighting)."""
        return {term for group in self.groups for spelling in group.spellings for term in spelling.terms}


def plan_query(text: str, lexicon: Lexicon, vocabulary: Vocabulary, language: str) -> QueryPlan:
    terms = analyse(text[:MAX_QUERY_LENGTH])[:MAX_WORDS]
    groups = []
    suggestion_words = []
    suggested = False
    position = 0
    while position < len(terms):
        form, entries = _longest_lexicon_match(terms, position, lexicon)
        spellings = [Spelling(form, ORIGINAL_WEIGHT, "original")]
        known = all(term in vocabulary for term in form)
        if entries:
            spellings += [Spelling(v, VARIANT_WEIGHT, "variant") for v in sorted(lexicon.variants(form))]
            if not known:
                suggestion_words.append(entries[0].preferred(language))
                suggested = True
            else:
                suggestion_words.append(" ".join(form))
        else:
            corrections = vocabulary.corrections(form[0])
            spellings += [_correction_spelling(correction, lexicon) for correction in corrections]
            for correction in corrections:
                spellings += [
                    Spelling(v, VARIANT_WEIGHT * CORRECTION_WEIGHT, "variant")
                    for v in sorted(lexicon.variants((correction.word,)))
                ]
            if corrections and corrections[0].how != "skeleton":
                suggestion_words.append(corrections[0].word)
                suggested = True
            else:
                suggestion_words.append(form[0])
        groups.append(TermGroup(tuple(_unique(spellings)), known=known))
        position += len(form)
    suggestion = " ".join(suggestion_words) if suggested else ""
    return QueryPlan(text=normalise(text[:MAX_QUERY_LENGTH]), groups=tuple(groups), suggestion=suggestion)


def _correction_spelling(correction, lexicon) -> Spelling:
    weight = SKELETON_WEIGHT if correction.how == "skeleton" else CORRECTION_WEIGHT
    return Spelling((correction.word,), weight, correction.how)


def _longest_lexicon_match(terms, position, lexicon):
    """The longest run of words from ``position`` that is a lexicon spelling, with its entries."""
    for length in range(min(MAX_PHRASE_WORDS, len(terms) - position), 0, -1):
        form = tuple(terms[position : position + length])
        entries = lexicon.entries_for(form)
        if entries:
            return form, entries
    return (terms[position],), []


def _unique(spellings):
    """Each spelling once, at the highest weight it was given."""
    best = {}
    for spelling in spellings:
        if spelling.terms not in best or spelling.weight > best[spelling.terms].weight:
            best[spelling.terms] = spelling
    return list(best.values())
