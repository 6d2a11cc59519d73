"""Generated speech for a page: made when it is missing or its text changed, otherwise left alone.

Usage::

    generate_audio(page)        # -> Outcome.GENERATED, UNCHANGED, RECORDED, SKIPPED or FAILED
    for page in read_aloud_pages(): generate_audio(page)

Whether the text changed is told by a hash of what would be spoken, the voice and the encoding
(speech_hash), kept with the file. A page with an editor's recording gets no generated speech: the
recording is what it plays. A failure of the synthesiser is logged, never raised: a page without
audio is still a page.
"""

import hashlib
import logging
from enum import StrEnum

from django.apps import apps
from django.core.files.base import ContentFile
from wagtail.models import Page

from cms.readaloud.models import GENERATED_FOLDER, READ_ALOUD_PAGE_MODELS, GeneratedAudio, Recording
from cms.readaloud.speech_text import spoken_text
from cms.readaloud.synthesis import ENCODING, SynthesisError, synthesise_mp3
from cms.readaloud.voices import Voice, voice_for

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    GENERATED = "generated"
    UNCHANGED = "unchanged"  # the stored audio already says the current text
    RECORDED = "recorded"  # an editor's recording is played instead
    SKIPPED = "skipped"  # not live, not a page that is read aloud, or a language without a voice
    FAILED = "failed"


def read_aloud_pages():
    """Every live page that is read aloud, in every language."""
    return Page.objects.live().type(*(apps.get_model(label) for label in READ_ALOUD_PAGE_MODELS))


def speech_hash(text: str, voice: Voice) -> str:
    return hashlib.sha256(f"{ENCODING}\n{voice.espeak_name}\n{text}".encode()).hexdigest()


def generate_audio(page: Page, *, force: bool = False) -> Outcome:
    """Make ``page``'s speech if it has none or its text changed (or ``force``); return what happened."""
    page = page.specific
    voice = voice_for(page.locale.language_code)
    if not page.live or page._meta.label_lower not in READ_ALOUD_PAGE_MODELS or voice is None:
        return Outcome.SKIPPED
    if Recording.objects.filter(page=page).exists():
        return Outcome.RECORDED
    text = voice.prepare(spoken_text(page))
    digest = speech_hash(text, voice)
    current = GeneratedAudio.objects.filter(page=page).first()
    if current is not None and current.speech_hash == digest and not force:
        return Outcome.UNCHANGED
    try:
        audio = synthesise_mp3(text, voice.espeak_name)
    except SynthesisError as error:
        logger.warning("No read-aloud audio for page %s (%s): %s", page.pk, page.url_path, error)
        return Outcome.FAILED
    _store(page, digest, audio)
    return Outcome.GENERATED


def _store(page, digest: str, audio: bytes):
    # Named by the hash, so a changed text gets a new address and no browser or CDN plays the old one.
    # The file it replaces is deleted by cms.readaloud.signals once the row is saved.
    storage = GeneratedAudio.audio.field.storage
    name = storage.save(f"{GENERATED_FOLDER}{page.pk}-{digest[:16]}.mp3", ContentFile(audio))
    GeneratedAudio.objects.update_or_create(page=page, defaults={"audio": name, "speech_hash": digest})
