"""Relevance on the judged query set (search/relevance/judgements.yaml) may not fall below the committed baseline."""

import pytest

from cms.plugins.models import PluginActivation
from cms.plugins.registry import installed_plugins
from search.evaluation import evaluate, load_baseline, load_judgements, ndcg, reciprocal_rank, regressions

# The targets: nDCG@10 overall per backend, MRR on known-item queries, no judged query finding nothing.
NDCG_TARGETS = {"database": 0.60, "elasticsearch": 0.70}
MRR_TARGET = 0.80


def test_the_judged_set_is_big_and_covers_every_kind_of_query():
    queries = load_judgements()
    assert len(queries) >= 80
    kinds = {query.kind for query in queries}
    assert kinds == {"en", "ur", "pnb", "roman", "misspelling"}
    assert sum(1 for query in queries if query.known_item) >= 30


def test_the_judged_set_searches_what_the_demo_serves(demo_site):
    """Every first-party plugin is installed for the search tests (not the tests' dummy plugin), and every
    judged key is an item of that content, so a renamed or misspelt key cannot pass as "not found"."""
    from search.models import SearchDocument

    enabled = set(PluginActivation.objects.filter(site=demo_site, enabled=True).values_list("plugin_label", flat=True))
    assert enabled == {plugin.label for plugin in installed_plugins()} - {"dummy"}
    assert {"saudi_arabia", "uae", "qatar", "oman", "malaysia", "irregular_routes", "orientation"} <= enabled
    items = set(SearchDocument.objects.values_list("item_key", flat=True))
    judged = {key for query in load_judgements() for key in query.relevant}
    assert judged - items == set()


def test_metrics():
    relevant = {"a": 3, "b": 2, "c": 1}
    assert ndcg(["a", "b", "c"], relevant) == pytest.approx(1.0)
    assert ndcg(["x", "a"], relevant) < ndcg(["a", "x"], relevant)
    assert ndcg([], relevant) == 0.0
    assert reciprocal_rank(["x", "y", "a"], "a") == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"] * 10 + ["a"], "a") == 0.0, "only the top 10 count"


def test_regressions_are_reported_beyond_the_tolerance():
    baseline = {"overall": {"ndcg@10": 0.8, "mrr": 0.9, "zero_result_rate": 0.0}}
    figures = {"overall": {"ndcg@10": 0.78, "mrr": 0.86, "zero_result_rate": 0.05}}
    assert regressions(figures, baseline) == [
        "overall mrr: 0.860 (baseline 0.900)",
        "overall zero_result_rate: 0.050 (baseline 0.000)",
    ]


def test_relevance_meets_the_targets_and_holds_the_baseline(backend, demo_site):
    figures = evaluate(backend, demo_site.pk)
    overall = figures["overall"]
    assert overall["ndcg@10"] >= NDCG_TARGETS[backend.name]
    assert overall["mrr"] >= MRR_TARGET
    assert overall["zero_result_rate"] == 0.0
    baseline = load_baseline()[backend.name]
    assert regressions(figures, baseline) == [], "relevance fell: run `manage.py search_eval --queries` to see where"
