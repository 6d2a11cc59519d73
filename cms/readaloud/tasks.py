"""Generating a page's speech as a django-tasks task: with the default immediate backend it runs in the
process that published the page, once the publication has committed (cms.readaloud.signals); a
deployment with a task worker (settings.TASKS) moves it out of the request."""

import logging

from django_tasks import task
from wagtail.models import Page

from cms.readaloud.generation import Outcome, generate_audio

logger = logging.getLogger(__name__)


@task()
def generate_audio_task(page_id: int) -> str:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:  # deleted since it was published
        return Outcome.SKIPPED
    try:
        return generate_audio(page)
    except Exception:
        # The page is published whatever happens here (storage down, say); the command makes the audio later.
        logger.exception("Read-aloud audio for page %s failed", page_id)
        return Outcome.FAILED
