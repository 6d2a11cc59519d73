"""``manage.py search_eval``: relevance figures of the judged query set, per language and per backend.

python manage.py search_eval                      # the database backend, and Elasticsearch if configured
python manage.py search_eval --backend elasticsearch --queries
python manage.py search_eval --write-baseline     # store the figures as search/relevance/baseline.json
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from search.backends.database import DatabaseBackend
from search.evaluation import BASELINE, KINDS, evaluate, headline, load_baseline, regressions


def backends(choice: str):
    names = ["database", "elasticsearch"] if choice == "all" else [choice]
    if choice == "all" and not settings.ELASTICSEARCH_URL:
        names = ["database"]
    for name in names:
        if name == "database":
            yield DatabaseBackend()
        else:
            if not settings.ELASTICSEARCH_URL:
                raise CommandError("ELASTICSEARCH_URL is not set")
            from search.backends.elasticsearch import ElasticsearchBackend

            yield ElasticsearchBackend()


class Command(BaseCommand):
    help = "Print nDCG@10, MRR (known-item queries) and the zero-result rate of the judged queries."

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=["database", "elasticsearch", "all"], default="all")
        parser.add_argument("--site", default=None, help="host name of the site whose content to search")
        parser.add_argument("--queries", action="store_true", help="also print each query's figures")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--write-baseline", action="store_true", help=f"store the headline figures in {BASELINE}")

    def handle(self, *args, **options):
        site = (
            Site.objects.filter(hostname=options["site"]).first()
            if options["site"]
            else Site.objects.get(is_default_site=True)
        )
        if site is None:
            raise CommandError(f"no site {options['site']!r}")
        results = {backend.name: evaluate(backend, site.pk) for backend in backends(options["backend"])}
        if options["json"]:
            self.stdout.write(
                json.dumps(results if options["queries"] else {n: headline(f) for n, f in results.items()}, indent=2)
            )
        else:
            for name, figures in results.items():
                self.print_table(name, figures, options["queries"])
        if options["write_baseline"]:
            baseline = {**load_baseline(), **{name: headline(figures) for name, figures in results.items()}}
            BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            self.stdout.write(f"wrote {BASELINE}")
        for name, figures in results.items():
            for line in regressions(figures, load_baseline().get(name, {})):
                self.stderr.write(f"{name}: worse than the baseline: {line}")

    def print_table(self, name, figures, per_query):
        self.stdout.write(f"\n{name}")
        self.stdout.write(f"{'':<12}{'queries':>8}{'nDCG@10':>9}{'MRR':>7}{'known':>7}{'zero':>7}")
        for group in (*KINDS, "overall"):
            row = figures[group]
            self.stdout.write(
                f"{group:<12}{row['queries']:>8}{row['ndcg@10']:>9.3f}{row['mrr']:>7.3f}"
                f"{row['known_item_queries']:>7}{row['zero_result_rate']:>7.3f}"
            )
        if per_query:
            for query_id, result in figures["queries"].items():
                rr = "" if result["rr"] is None else f" rr={result['rr']:.2f}"
                self.stdout.write(f"  {query_id:<24} ndcg={result['ndcg@10']:.2f}{rr} top={result['top']}")
