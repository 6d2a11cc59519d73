"""The search-document sync as a task, so that a pack install can hold it back and run it once per
object at its end (cms.packs.indexing), like Wagtail's own index updates."""

from django_tasks import task

from search import documents


@task()
def sync_search_document_task(kind: str, pk: int):
    """Bring the search document of one page or contact (``kind`` "page" or "contact") up to date."""
    if kind == "page":
        documents.sync_page(pk)
    elif kind == "contact":
        documents.sync_contact(pk)
    else:
        raise ValueError(f"unknown search document kind {kind!r}")
