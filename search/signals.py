"""What keeps the public search up to date: publishing, unpublishing and saving contacts.

Pages and contacts enqueue search.tasks.sync_search_document_task (run at once, or once at the end
of a pack install); the resulting SearchDocument saves and deletions are passed on to the
Elasticsearch index when that backend is in use (after the transaction commits).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from cms.contacts.models import Contact
from cms.contacts.signals import contacts_updated
from search.backends.entries import forget_indexed_documents
from search.lexicon import forget_lexicon
from search.models import LexiconEntry, SearchDocument
from search.spelling import forget_vocabulary


def page_changed(sender, instance, **kwargs):
    from search.tasks import sync_search_document_task

    sync_search_document_task.enqueue("page", instance.pk)


def contact_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    from search.tasks import sync_search_document_task

    sync_search_document_task.enqueue("contact", instance.pk)


def contacts_changed(sender, contacts, **kwargs):
    """Contacts changed with ``QuerySet.update`` (cms.contacts.signals.contacts_updated)."""
    from search.tasks import sync_search_document_task

    for pk in contacts.values_list("pk", flat=True):
        sync_search_document_task.enqueue("contact", pk)


def document_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _external_index_changed(instance.doc_id)


def document_deleted(sender, instance, **kwargs):
    _external_index_changed(instance.doc_id)


def _external_index_changed(doc_id: str):
    from search.backends import external_index

    index = external_index()
    if index is not None:
        index.queue_update(doc_id)


def connect():
    page_published.connect(page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="search-page-unpublished")
    post_save.connect(contact_saved, sender=Contact, dispatch_uid="search-contact-saved")
    contacts_updated.connect(contacts_changed, dispatch_uid="search-contacts-updated")
    post_save.connect(document_saved, sender=SearchDocument, dispatch_uid="search-document-saved")
    post_delete.connect(document_deleted, sender=SearchDocument, dispatch_uid="search-document-deleted")
    # This process's copies of the lexicon, the vocabulary and the index entries' documents (search.reread);
    # other processes re-read them within seconds.
    for signal in (post_save, post_delete):
        signal.connect(forget_lexicon, sender=LexiconEntry, dispatch_uid=f"search-lexicon-{signal}")
        signal.connect(forget_vocabulary, sender=SearchDocument, dispatch_uid=f"search-vocabulary-{signal}")
        signal.connect(forget_indexed_documents, sender=SearchDocument, dispatch_uid=f"search-entries-{signal}")
