"""Search's per-process copies of rows (search.reread) and the index entries' documents (search.backends.entries)."""

from modelsearch.backends import get_search_backend

from search import reread
from search.backends.database import DatabaseBackend
from search.backends.entries import indexed_documents
from search.models import SearchDocument
from search.reread import RereadCopy

from .test_search_behaviour import run


class Rows:
    """Stands in for database rows: a version and a count of how often the copy was built."""

    def __init__(self):
        self.version, self.builds = 1, 0

    def build(self):
        self.builds += 1
        return f"built at version {self.version}"


def test_a_copy_is_built_once_and_again_only_when_its_rows_change(monkeypatch):
    rows = Rows()
    copy = RereadCopy(version=lambda: rows.version, build=rows.build)
    clock = [100.0]
    monkeypatch.setattr(reread.time, "monotonic", lambda: clock[0])

    assert copy.get() == copy.get() == "built at version 1" and rows.builds == 1
    rows.version = 2
    assert copy.get() == "built at version 1", "trusted until the recheck is due"
    clock[0] += reread.RECHECK_SECONDS
    assert copy.get() == "built at version 2" and rows.builds == 2
    clock[0] += reread.RECHECK_SECONDS
    assert copy.get() == "built at version 2" and rows.builds == 2, "unchanged rows are not read again"
    copy.forget()
    assert copy.get() == "built at version 2" and rows.builds == 3, "a save in this process is seen at once"


def _indexed_without_signals(document: SearchDocument, copies: int) -> list[SearchDocument]:
    """Copies of ``document`` saved and indexed as another process would: no signal reaches this one."""
    created = SearchDocument.objects.bulk_create(
        SearchDocument(
            **{
                field.attname: getattr(document, field.attname)
                for field in SearchDocument._meta.concrete_fields
                if field.attname not in ("id", "doc_id", "item_key")
            },
            doc_id=f"elsewhere-{number}",
            item_key=f"elsewhere-{number}",
        )
        for number in range(copies)
    )
    get_search_backend().get_index_for_model(SearchDocument).add_items(SearchDocument, created)
    return created


def _language_count(response, language: str) -> int:
    return next(value.count for value in response.facets["language"] if value.value == language)


def test_documents_another_process_indexed_are_found_at_once(demo_site, db):
    backend = DatabaseBackend()
    before = run(backend, demo_site, "hundi", page_size=50)  # reads this process's table of entries
    original = SearchDocument.objects.get(doc_id=before.hits[0].doc_id)

    _indexed_without_signals(original, copies=2)
    after = run(backend, demo_site, "hundi", page_size=50)

    assert after.total == before.total + 2
    assert {"elsewhere-0", "elsewhere-1"} <= {hit.item_key for hit in after.hits}
    assert _language_count(after, original.language) == _language_count(before, original.language) + 2


def test_index_entries_of_other_models_are_not_documents(demo_site, db):
    """Wagtail indexes pages in the same tables; only SearchDocument's entries are search results."""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry").objects
    document_type = ContentType.objects.get_for_model(SearchDocument)
    other = list(entries.exclude(content_type=document_type).values_list("pk", flat=True)[:5])
    own = dict(entries.filter(content_type=document_type).values_list("pk", "object_id")[:5])
    assert other, "the demo's pages are indexed too"

    table = indexed_documents([*other, *own])
    assert all(table[entry] is None for entry in other)
    assert {entry: table[entry].pk for entry in own} == {entry: int(key) for entry, key in own.items()}
