"""Audio of a page read aloud: editors' recordings, and speech generated where there is none.

Each language of a page is its own Wagtail page (a translation), so both are kept per page: a
recording in Urdu belongs to the Urdu page. Files go to Django's default storage (the media
folder, or the S3 bucket in production), so the models hold storage names, never paths.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.readaloud.recordings import validate_recording

# The pages that are read aloud.
READ_ALOUD_PAGE_MODELS = ("rahnuma_guides.guidesectionpage", "rahnuma_learning.lessonpage")
# Under MEDIA_ROOT; the service worker (themes/offline.py) keeps the audio played from here.
READ_ALOUD_FOLDER = "read-aloud/"
GENERATED_FOLDER = f"{READ_ALOUD_FOLDER}generated/"


class Recording(models.Model):
    """A person reading a page aloud, uploaded by an editor: played instead of generated speech."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="read_aloud_recording",
        verbose_name=_("page"),
        help_text=_("A guide section or a lesson, in the language of the recording."),
    )
    audio = models.FileField(
        _("recording"),
        upload_to=f"{READ_ALOUD_FOLDER}recorded/",
        validators=[validate_recording],
        help_text=_("MP3, M4A, OGG or OPUS, at most 20 MB."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("read-aloud recording")

    def __str__(self):
        return f"{self.page.title} ({self.page.locale.language_code})"

    def clean(self):
        if self.page_id and self.page.content_type.model_class()._meta.label_lower not in READ_ALOUD_PAGE_MODELS:
            raise ValidationError({"page": _("Only guide sections and lessons are read aloud.")})


class GeneratedAudio(models.Model):
    """Speech synthesised from a page's text (cms.readaloud.generation), made again when the text changes."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="read_aloud_generated")
    audio = models.FileField(upload_to=GENERATED_FOLDER)
    # SHA-256 of the spoken text, the voice and the encoding (cms.readaloud.generation.speech_hash).
    speech_hash = models.CharField(max_length=64)
    generated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("generated read-aloud audio")
        verbose_name_plural = _("generated read-aloud audio")

    def __str__(self):
        return self.audio.name
