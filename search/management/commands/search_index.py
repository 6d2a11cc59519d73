"""``manage.py search_index``: the public search's documents and its Elasticsearch index.

python manage.py search_index rebuild     # documents table, then (on Elasticsearch) a new index and the alias swapped
python manage.py search_index documents   # only bring the documents table up to date
python manage.py search_index status      # documents per language; the alias and its index
"""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError

from search.documents import rebuild_documents
from search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild or inspect the public search's documents and Elasticsearch index."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "documents", "status"])

    def handle(self, *args, action, **options):
        if action in ("rebuild", "documents"):
            count = rebuild_documents()
            self.stdout.write(f"{count} search documents up to date")
        if action == "rebuild" and settings.SEARCH_BACKEND == "elasticsearch":
            try:
                result = self.index().rebuild()
            except (ApiError, TransportError) as error:
                raise CommandError(f"Elasticsearch at {settings.ELASTICSEARCH_URL}: {error}") from None
            removed = ", ".join(result["removed_indices"]) or "none"
            self.stdout.write(
                f"indexed {result['documents']} documents into {result['index']} in {result['seconds']} s; "
                f"alias {settings.ELASTICSEARCH_INDEX} now points to it (old indices removed: {removed})"
            )
        if action == "status":
            languages = Counter(SearchDocument.objects.values_list("language", flat=True))
            summary = ", ".join(f"{language} {count}" for language, count in sorted(languages.items())) or "none"
            self.stdout.write(f"search backend: {settings.SEARCH_BACKEND}; documents: {summary}")
            if settings.SEARCH_BACKEND == "elasticsearch":
                self.elasticsearch_status()

    def index(self):
        from search.backends.elasticsearch import shared_index

        return shared_index()

    def elasticsearch_status(self):
        index = self.index()
        try:
            names = index.indices()
            counts = {name: index.client.count(index=name)["count"] for name in names}
        except (ApiError, TransportError) as error:
            raise CommandError(f"Elasticsearch at {settings.ELASTICSEARCH_URL}: {error}") from None
        if not names:
            self.stdout.write(f"alias {settings.ELASTICSEARCH_INDEX}: no index yet (run `search_index rebuild`)")
        for name in names:
            self.stdout.write(f"alias {settings.ELASTICSEARCH_INDEX} -> {name}: {counts[name]} documents")
