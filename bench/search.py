"""Search latency in-process, over the demo content multiplied to 10,000 documents (issue 6).

    lines = run_search_benchmark(workdir)      # from bench/__main__.py; returns the lines to print
    python -m bench.search [WORKDIR]           # the same on its own

In a new SQLite database in ``workdir`` (in a child process, so that this process's Django, if any,
is not touched): the demo site with the first-party plugins' packs, its search documents copied
until there are 10,000, indexed through Wagtail's search. Then every judged query
(search/relevance/judgements.yaml) runs through search.api (analysis, backend, highlighting) a few
times; p50 and p95 latency and searches per second on one thread are reported against the goals
(p95 under 50 ms on the database backend, under 30 ms on Elasticsearch). With ELASTICSEARCH_URL
set, the same runs on Elasticsearch, in an index of its own deleted afterwards. Timings depend on
the machine, so nothing fails on them.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCUMENTS = 10_000
ROUNDS = 3
# Passes over the queries before timing. The Elasticsearch node is started for the benchmark, and a
# just-started JVM is still compiling its hot code through the first pass (p95 39 ms there against
# 27 ms in the next, measured on one node): two passes measure the node as a site runs it.
WARM_UP_ROUNDS = 2
GOALS_MS = {"database": 50.0, "elasticsearch": 30.0}
PROJECT = Path(__file__).resolve().parents[1]


def run_search_benchmark(workdir: Path, elasticsearch: bool = False) -> list[str]:
    """Run the benchmark in a child process with its own database in ``workdir``; the lines to print.

    ``elasticsearch``: run it under a throwaway Elasticsearch node (scripts/elasticsearch.py), so that
    both backends are measured.
    """
    node = [sys.executable, "scripts/elasticsearch.py", "run"] if elasticsearch else []
    completed = subprocess.run(
        [*node, sys.executable, "-m", "bench.search", str(workdir), "--json"],
        cwd=PROJECT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        return [f"search benchmark failed (exit status {completed.returncode}):", completed.stderr[-2000:]]
    return lines(json.loads(completed.stdout.strip().splitlines()[-1]))


def lines(results: dict) -> list[str]:
    out = [f"search: {results['documents']} documents, {results['queries']} judged queries x {ROUNDS}, in-process"]
    for name, figures in results["backends"].items():
        goal = GOALS_MS[name]
        verdict = "met" if figures["p95_ms"] < goal else "missed"
        out.append(
            f"  {name:<14} p50 {figures['p50_ms']:6.1f} ms  p95 {figures['p95_ms']:6.1f} ms  "
            f"{figures['per_second']:6.0f} searches/s on one thread  (goal p95 < {goal:.0f} ms: {verdict})"
        )
    return out


def _set_up(workdir: Path):
    from bench.pack_install import set_up_django

    set_up_django(workdir / "search.sqlite3")
    from cms.core.site_structure import set_up_site
    from cms.plugins.registry import installed_plugins
    from cms.plugins.services import enable_plugin

    site = set_up_site("localhost", 80, default=True)
    for plugin in installed_plugins():  # the demo content, as `make demo` sets it up: the judged queries cover it
        enable_plugin(plugin, site)
    return site


def _multiply_documents(total: int) -> int:
    """Copies of the demo documents (new ids and keys, same text) until there are ``total``; indexed in batches."""
    from modelsearch.backends import get_search_backend

    from search.models import SearchDocument

    originals = list(SearchDocument.objects.all())
    copies = []
    while len(originals) + len(copies) < total:
        for document in originals[: total - len(originals) - len(copies)]:
            number = len(copies)
            copies.append(
                SearchDocument(
                    **{
                        field.attname: getattr(document, field.attname)
                        for field in SearchDocument._meta.concrete_fields
                        if field.attname not in ("id", "doc_id", "item_key", "updated_at")
                    },
                    doc_id=f"bench-{number}",
                    item_key=f"{document.item_key}-copy{number}",
                )
            )
    created = SearchDocument.objects.bulk_create(copies, batch_size=500)
    index = get_search_backend().get_index_for_model(SearchDocument)
    for start in range(0, len(created), 500):
        index.add_items(SearchDocument, created[start : start + 500])
    return SearchDocument.objects.count()


def _measure(backend, site, queries) -> dict:
    from search import api
    from search.query import SearchRequest

    def once(query):
        started = time.perf_counter()
        api.search(SearchRequest(text=query.query, language=query.language, site_id=site.pk), backend=backend)
        return (time.perf_counter() - started) * 1000

    for _ in range(WARM_UP_ROUNDS):  # caches, the lexicon, the vocabulary, connections, the node's JIT
        for query in queries:
            once(query)
    timings = [once(query) for _ in range(ROUNDS) for query in queries]
    quantiles = statistics.quantiles(timings, n=100)
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(quantiles[94], 2),
        "per_second": round(1000 * len(timings) / sum(timings), 1),
    }


def measure_all(workdir: Path) -> dict:
    site = _set_up(workdir)
    documents = _multiply_documents(DOCUMENTS)
    from search.backends.database import DatabaseBackend
    from search.evaluation import load_judgements

    queries = load_judgements()
    results = {"documents": documents, "queries": len(queries), "backends": {}}
    results["backends"]["database"] = _measure(DatabaseBackend(), site, queries)
    if os.environ.get("ELASTICSEARCH_URL"):
        from search.backends.elasticsearch import ElasticsearchBackend, SearchIndex

        index = SearchIndex(os.environ["ELASTICSEARCH_URL"], f"rahnuma-bench-{os.getpid()}")
        try:
            index.rebuild()
            results["backends"]["elasticsearch"] = _measure(ElasticsearchBackend(index), site, queries)
        finally:
            index.drop()
    return results


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    folders = [argument for argument in argv if argument != "--json"]
    if folders:
        results = measure_all(Path(folders[0]))
    else:
        with tempfile.TemporaryDirectory(prefix="rahnuma-bench-search-") as workdir:
            results = measure_all(Path(workdir))
    print(json.dumps(results) if as_json else "\n".join(lines(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
