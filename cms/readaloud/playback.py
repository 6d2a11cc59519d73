"""The address a page's listen button plays: the editor's recording, else the generated speech.

Kept per process until the content changes (cms.core.content_memo): saving either kind of audio
raises the content generation (cms.readaloud.apps), so a page view costs no query for it once seen.
"""

from wagtail.models import Page

from cms.core.content_memo import ContentMemo
from cms.readaloud.models import Recording

_AUDIO_URLS = ContentMemo(maxsize=4096)


def audio_url(page: Page) -> str:
    """The URL of the audio ``page`` is read aloud with, or "" when it has none."""
    return _AUDIO_URLS.get((page.pk,), lambda: _read_audio_url(page.pk))


def _read_audio_url(page_id: int) -> str:
    names = (
        Page.objects.filter(pk=page_id)
        .values_list("read_aloud_recording__audio", "read_aloud_generated__audio")
        .first()
    )
    name = next((name for name in names or () if name), "")
    # Both kinds live in the default storage, which knows their public address (media or bucket).
    return Recording.audio.field.storage.url(name) if name else ""
