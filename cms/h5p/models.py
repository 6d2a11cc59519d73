"""H5P libraries, content, the lessons that use it, and what learners did with it.

Library: one library version (machine name, major.minor.patch), stored once, identified by a hash
of its files (cms.h5p.storage). A new version needs a staff user with ``approve_library`` to
approve it; the same version arriving with other bytes is refused.

Content: one activity (a package's h5p.json and content.json), playable only when every library
it needs is approved: until then it is a draft.

LessonActivity: the activity a course pack puts in a lesson (by pack id and lesson key, like the
learning records), whether the lesson needs it passed and at what mark.

Attempt, QuestionResult, Statement: xAPI results (cms.h5p.xapi) in Moodle's shape: an attempt per
top-level result, a row per question, every normalised statement kept for export (cms.h5p.lrs).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField


class Library(models.Model):
    machine_name = models.CharField(max_length=255)
    major_version = models.PositiveIntegerField()
    minor_version = models.PositiveIntegerField()
    patch_version = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    runnable = models.BooleanField(default=False)
    digest = models.CharField(max_length=64, unique=True, help_text=_("sha256 of the library's files."))
    metadata = models.JSONField(help_text=_("Its library.json."))
    semantics = models.JSONField(null=True, blank=True, help_text=_("Its semantics.json, if it has one."))
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version", "patch_version"],
                name="one_h5p_library_per_version",
            )
        ]
        permissions = [("approve_library", _("Can approve H5P library versions"))]

    def __str__(self):
        return f"{self.machine_name} {self.version}"

    @property
    def version(self) -> str:
        return f"{self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder(self) -> str:
        """The folder name H5P players look for: Machine.Name-MAJOR.MINOR."""
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


class ContentQuerySet(models.QuerySet):
    def playable(self):
        """Content none of whose libraries waits for approval."""
        return self.exclude(libraries__approved_at=None)


class Content(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=255)
    language = models.CharField(max_length=16, help_text=_("The language of its texts (h5p.json)."))
    main_library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="+")
    libraries = models.ManyToManyField(Library, related_name="contents", help_text=_("Every library it needs."))
    h5p_json = models.JSONField()
    parameters = models.JSONField(help_text=_("Its content.json."))
    files = models.JSONField(default=list, help_text=_("Media under content/, relative to it."))
    digest = models.CharField(max_length=64, help_text=_("sha256 of the package file it came from."))
    pack_id = models.CharField(max_length=100, blank=True, help_text=_("The course pack it came with, if any."))
    key = models.CharField(max_length=160, blank=True, help_text=_("Its file in that pack, e.g. h5p/quiz.h5p."))
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("H5P activity")
        verbose_name_plural = _("H5P activities")
        constraints = [
            models.UniqueConstraint(
                fields=["pack_id", "key"], condition=~models.Q(pack_id=""), name="one_h5p_content_per_pack_file"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        """True while any library it needs waits for approval."""
        return self.libraries.filter(approved_at=None).exists()

    @property
    def activity_iri(self) -> str:
        """The xAPI activity id, the same in every language so that results add up."""
        return f"{settings.H5P_ACTIVITY_IRI_BASE}{self.public_id}"


class H5PParametersField(models.JSONField):
    """An activity's content.json with its main library, ``{"library": "Machine.Name 1.2", "params": {...}}``.

    wagtail-localize translates a field that can list its segments and take them back: here every
    text field of the library's semantics.json (cms.h5p.semantics), so translators get the activity's
    texts in the usual editor and PO files.
    """

    def get_translatable_segments(self, value):
        from cms.h5p.translation import text_segments  # imports this module's models

        return text_segments(value)

    def restore_translated_segments(self, value, segments):
        from cms.h5p.translation import restore_text_segments  # imports this module's models

        return restore_text_segments(value, segments)


class ContentText(TranslatableMixin, models.Model):
    """An activity's texts in one language: the source language's, and wagtail-localize's translations."""

    content = models.ForeignKey(Content, on_delete=models.CASCADE, related_name="texts")
    parameters = H5PParametersField()

    override_translatable_fields = [SynchronizedField("content")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("H5P activity text")
        verbose_name_plural = _("H5P activity texts")

    def __str__(self):
        return f"{self.content} ({self.locale.language_code})"


class LessonActivity(models.Model):
    """The H5P activity a pack's lesson shows; ``required`` makes passing it part of finishing the lesson."""

    pack_id = models.CharField(max_length=100)
    lesson_key = models.CharField(max_length=80)
    content = models.ForeignKey(Content, on_delete=models.CASCADE, related_name="lessons")
    required = models.BooleanField(default=False)
    pass_mark = models.PositiveSmallIntegerField(
        default=0, validators=[MinValueValidator(0), MaxValueValidator(100)], help_text=_("Percent needed to pass.")
    )
    final_assessment = models.BooleanField(default=False, help_text=_("The lesson is the course's final assessment."))
    lesson_has_quiz = models.BooleanField(
        default=False, help_text=_("The lesson also has a quiz graded on the server.")
    )

    class Meta:
        verbose_name = _("lesson activity")
        verbose_name_plural = _("lesson activities")
        constraints = [models.UniqueConstraint(fields=["pack_id", "lesson_key"], name="one_h5p_activity_per_lesson")]

    def __str__(self):
        return f"{self.pack_id}:{self.lesson_key} {self.content}"

    def clean(self):
        # Browsers compute H5P scores and can forge them: a final assessment may not rest on one alone.
        if self.final_assessment and self.required and not self.lesson_has_quiz:
            raise ValidationError(
                _("A course's final assessment may not rely on an H5P score alone; add a quiz to the lesson.")
            )


class Attempt(models.Model):
    """One go at an activity: made by its first statement, closed by its top-level result."""

    learner = models.ForeignKey("rahnuma_learning.Learner", on_delete=models.CASCADE, related_name="h5p_attempts")
    content = models.ForeignKey(Content, on_delete=models.CASCADE, related_name="attempts")
    registration = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(max_length=16)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    score_raw = models.FloatField(null=True, blank=True)
    score_min = models.FloatField(null=True, blank=True)
    score_max = models.FloatField(null=True, blank=True)
    score_scaled = models.FloatField(null=True, blank=True)
    completion = models.BooleanField(null=True, blank=True)
    success = models.BooleanField(null=True, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("H5P attempt")
        indexes = [models.Index(fields=["learner", "content"], name="h5p_attempts_by_content")]

    def __str__(self):
        return f"{self.content} {self.score_raw}/{self.score_max}"

    @property
    def percent(self) -> int | None:
        return None if self.score_scaled is None else int(self.score_scaled * 100)


class QuestionResult(models.Model):
    """A child result of an attempt: one question of the activity."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    object_id = models.CharField(max_length=500)
    interaction_type = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=500, blank=True)
    response = models.CharField(max_length=1000, blank=True)
    score_raw = models.FloatField(null=True, blank=True)
    score_max = models.FloatField(null=True, blank=True)
    success = models.BooleanField(null=True, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("H5P question result")

    def __str__(self):
        return f"{self.object_id} {self.score_raw}/{self.score_max}"


class Statement(models.Model):
    """A normalised xAPI 1.0.3 statement as stored (server id and timestamp, account actor)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey("rahnuma_learning.Learner", on_delete=models.CASCADE, related_name="h5p_statements")
    attempt = models.ForeignKey(Attempt, null=True, blank=True, on_delete=models.CASCADE, related_name="statements")
    verb = models.CharField(max_length=200)
    data = models.JSONField()
    stored_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("xAPI statement")

    def __str__(self):
        return f"{self.verb} {self.id}"


class SavedState(models.Model):
    """Where a learner is inside an activity, so that they resume there (never on a kiosk)."""

    learner = models.ForeignKey("rahnuma_learning.Learner", on_delete=models.CASCADE, related_name="h5p_states")
    content = models.ForeignKey(Content, on_delete=models.CASCADE, related_name="+")
    data = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "content"], name="one_h5p_state_per_content")]

    def __str__(self):
        return f"state of {self.learner} in {self.content}"


class OutboxEntry(models.Model):
    """A statement waiting to be forwarded to the external Learning Record Store (cms.h5p.lrs)."""

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="outbox")
    tries = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("LRS outbox entry")
        verbose_name_plural = _("LRS outbox")

    def __str__(self):
        return f"{self.statement_id} tries={self.tries}"
