"""When speech is generated: after guide sections and lessons are published (once the publication has
committed, so a rolled-back install makes no audio and the text read is the committed one), and
after an editor's recording is removed. Files of deleted rows, and files replaced by another (a new
upload of a recording, speech made again), leave the storage once the change has committed.

Pages published in one transaction are handled together when it commits. An editor publishing a
page (with its translations) gets its speech at once; a transaction that published more than
settings.READ_ALOUD_PUBLISH_LIMIT pages is a bulk install, which speech would slow down by seconds
a page, so its pages wait for ``manage.py read_aloud`` (cron, or run after the install).
settings.READ_ALOUD_ON_PUBLISH turns generation on publishing off altogether (the tests do).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from wagtail.signals import page_published

from cms.readaloud.models import READ_ALOUD_PAGE_MODELS, GeneratedAudio, Recording

logger = logging.getLogger(__name__)


class _PublishedTogether:
    """The on-commit callback of one transaction: the pages to speak once it commits."""

    def __init__(self, page_id: int):
        self.page_ids = [page_id]
        self.called = False

    def __call__(self):
        from cms.readaloud.tasks import generate_audio_task

        self.called = True
        if len(self.page_ids) > settings.READ_ALOUD_PUBLISH_LIMIT:
            logger.warning(
                "%d pages published together: their read-aloud audio waits for `manage.py read_aloud`",
                len(self.page_ids),
            )
            return
        for page_id in self.page_ids:
            generate_audio_task.enqueue(page_id)


def _schedule_audio(page_id: int):
    if not settings.READ_ALOUD_ON_PUBLISH:
        return
    connection = transaction.get_connection()
    # The callbacks waiting for this transaction's commit (Django's list of (savepoints, callback, robust)).
    waiting = (
        callback
        for _, callback, _ in connection.run_on_commit
        if isinstance(callback, _PublishedTogether) and not callback.called  # a test's captured callbacks stay
    )
    batch = next(waiting, None) if connection.in_atomic_block else None
    if batch is None:
        transaction.on_commit(_PublishedTogether(page_id))  # outside a transaction: runs now
    elif page_id not in batch.page_ids:
        batch.page_ids.append(page_id)


def page_published_handler(sender, instance, **kwargs):
    if instance._meta.label_lower in READ_ALOUD_PAGE_MODELS:
        _schedule_audio(instance.pk)


def recording_deleted(sender, instance, **kwargs):
    _delete_file(sender, instance)
    _schedule_audio(instance.page_id)


def _delete_replaced_file(sender, instance, **kwargs):
    """A row about to point at another file: the old file goes once the change has committed."""
    if instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("audio", flat=True).first()
    if stored and stored != instance.audio.name:
        _delete_after_commit(instance.audio.storage, stored)


def _delete_file(sender, instance, **kwargs):
    if instance.audio.name:
        _delete_after_commit(instance.audio.storage, instance.audio.name)


def _delete_after_commit(storage, name: str):
    transaction.on_commit(lambda: storage.delete(name))


def connect():
    page_published.connect(page_published_handler, dispatch_uid="read-aloud-page-published")
    post_delete.connect(recording_deleted, sender=Recording, dispatch_uid="read-aloud-recording-deleted")
    post_delete.connect(_delete_file, sender=GeneratedAudio, dispatch_uid="read-aloud-generated-deleted")
    for model in (Recording, GeneratedAudio):
        pre_save.connect(_delete_replaced_file, sender=model, dispatch_uid=f"read-aloud-{model.__name__}-replaced")
