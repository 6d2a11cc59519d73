"""Measuring relevance on the judged query set (search/relevance/judgements.yaml).

For each query: nDCG@10 (graded 0-3, gain 2^grade - 1), the reciprocal rank of the known item for
known-item queries (MRR), and whether it found nothing (the zero-result rate). A result counts as
the pack item it shows (its key), once, in whichever language it comes first, so an Urdu page and
its English original are one answer. Figures per query kind (en, ur, pnb, roman, misspelling) and
overall, for whichever backend is given::

    figures = evaluate(DatabaseBackend(), site_id=site.pk)
    figures["overall"]["ndcg@10"]

Elasticsearch's _rank_eval is not in the server core, so this is computed here, for both backends.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from search import api
from search.query import MAX_PAGE_SIZE, SearchRequest

RELEVANCE_DIR = Path(__file__).resolve().parent / "relevance"
JUDGEMENTS = RELEVANCE_DIR / "judgements.yaml"
BASELINE = RELEVANCE_DIR / "baseline.json"
CUTOFF = 10
KINDS = ("en", "ur", "pnb", "roman", "misspelling")
HEADLINE = ("ndcg@10", "mrr", "zero_result_rate")


class JudgementError(ValueError):
    pass


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    query: str
    language: str
    kind: str
    relevant: dict[str, int]
    known_item: str = ""


def load_judgements(path: Path = JUDGEMENTS) -> list[JudgedQuery]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for raw in data["queries"]:
        query = JudgedQuery(
            id=raw["id"],
            query=str(raw["query"]),
            language=raw["language"],
            kind=raw["kind"],
            relevant={str(key): int(grade) for key, grade in raw["relevant"].items()},
            known_item=raw.get("known_item", ""),
        )
        if query.kind not in KINDS or not all(1 <= grade <= 3 for grade in query.relevant.values()):
            raise JudgementError(f"{path}: query {query.id}: kind must be one of {KINDS} and grades 1-3")
        if query.known_item and query.relevant.get(query.known_item) != 3:
            raise JudgementError(f"{path}: query {query.id}: the known item must be graded 3")
        queries.append(query)
    if len({query.id for query in queries}) != len(queries):
        raise JudgementError(f"{path}: query ids must be unique")
    return queries


def ndcg(ranked_keys: list[str], relevant: dict[str, int], cutoff: int = CUTOFF) -> float:
    def dcg(grades):
        return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades[:cutoff]))

    ideal = dcg(sorted(relevant.values(), reverse=True))
    return dcg([relevant.get(key, 0) for key in ranked_keys]) / ideal if ideal else 0.0


def reciprocal_rank(ranked_keys: list[str], known_item: str, cutoff: int = CUTOFF) -> float:
    for position, key in enumerate(ranked_keys[:cutoff], 1):
        if key == known_item:
            return 1.0 / position
    return 0.0


def ranked_keys(backend, query: JudgedQuery, site_id) -> tuple[list[str], int]:
    request = SearchRequest(text=query.query, language=query.language, site_id=site_id, page_size=MAX_PAGE_SIZE)
    response = api.search(request, backend=backend)
    if response.degraded:
        raise RuntimeError(f"{backend.name} did not answer query {query.id}; the figures would be the database's")
    return list(dict.fromkeys(hit.item_key for hit in response.hits)), response.total


def evaluate(backend, site_id, queries: list[JudgedQuery] | None = None) -> dict:
    """Figures per kind and overall, plus each query's, for ``backend`` on the site's content."""
    queries = queries if queries is not None else load_judgements()
    per_query = {}
    for query in queries:
        keys, total = ranked_keys(backend, query, site_id)
        per_query[query.id] = {
            "kind": query.kind,
            "ndcg@10": ndcg(keys, query.relevant),
            "rr": reciprocal_rank(keys, query.known_item) if query.known_item else None,
            "zero": total == 0,
            "top": keys[:3],
        }
    figures = {kind: _summary([q for q in per_query.values() if q["kind"] == kind]) for kind in KINDS}
    figures["overall"] = _summary(list(per_query.values()))
    figures["queries"] = per_query
    return figures


def _summary(results) -> dict:
    known = [result["rr"] for result in results if result["rr"] is not None]
    return {
        "queries": len(results),
        "ndcg@10": round(sum(r["ndcg@10"] for r in results) / len(results), 4) if results else 0.0,
        "mrr": round(sum(known) / len(known), 4) if known else 0.0,
        "known_item_queries": len(known),
        "zero_result_rate": round(sum(r["zero"] for r in results) / len(results), 4) if results else 0.0,
    }


def headline(figures: dict) -> dict:
    """The figures the baseline keeps: overall and per kind, without the per-query detail."""
    return {group: {name: figures[group][name] for name in HEADLINE} for group in ("overall", *KINDS)}


def load_baseline(path: Path = BASELINE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def regressions(figures: dict, baseline: dict, tolerance: float = 0.03, groups=("overall",)) -> list[str]:
    """Headline figures worse than the baseline by more than ``tolerance`` (zero-result rate: higher is worse).

    Only the overall figures by default: a kind with a handful of known-item queries moves by more than
    the tolerance when one result swaps places; its figures are in the baseline to compare by eye.
    """
    found = []
    for group in groups:
        for name, before in baseline.get(group, {}).items():
            now = figures[group][name]
            worse = now > before + tolerance if name == "zero_result_rate" else now < before - tolerance
            if worse:
                found.append(f"{group} {name}: {now:.3f} (baseline {before:.3f})")
    return found
