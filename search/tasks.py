"""The search-document sync as a task, so that a pack install can hold it back and run it for all
its objects together at its end (cms.packs.indexing), like Wagtail's own index updates."""

from django_tasks import task

from search import documents


@task()
def sync_search_document_task(kind: str, pk: int):
    """Bring the search document of one page or contact (``kind`` "page" or "contact") up to date."""
    sync_search_documents(kind, [pk])


def sync_search_documents(kind: str, pks: list[int]):
    """Bring the search documents of some pages or contacts (``kind`` "page" or "contact") up to date."""
    if kind == "page":
        documents.sync_pages(pks)
    elif kind == "contact":
        documents.sync_contacts(pks)
    else:
        raise ValueError(f"unknown search document kind {kind!r}")
