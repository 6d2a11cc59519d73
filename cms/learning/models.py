"""Courses and their lessons, and what learners do with them.

Pages: CourseIndexPage > CoursePage > LessonPage (whose body may end with one quiz block).

Records: a Learner (anonymous, tied to a browser session by cms.learning.learners) and what they
did: LessonProgress, QuizAttempt and CourseCompletion. Records name items by their pack's stable
keys (``pack_id`` + item key, see cms.learning.progress.item_key), never by page ids, so one record
counts in every language's copy of a page and survives pack upgrades, which update pages in place.
What writes them is cms.learning.progress; the lesson page's forms are cms.learning.lesson_views.
Each record also names the site it was made on, for the staff reports (cms.learning.reports).
LearningTally keeps the counts of records deleted for privacy (cms.learning.forgetting).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail_localize.fields import SynchronizedField

from cms.centres.demographics import Channel
from cms.core.blocks import SourceBlock, content_blocks
from cms.core.models import PackPage
from cms.core.page_neighbours import live_siblings
from cms.core.view_restrictions import KnownViewRestrictionsMixin
from cms.learning.blocks import QUIZ_BLOCK, QuizBlock


class CourseIndexPage(KnownViewRestrictionsMixin, Page):
    intro = models.TextField(blank=True)

    parent_page_types = ["rahnuma_core.HomePage"]
    subpage_types = ["rahnuma_learning.CoursePage"]
    max_count_per_parent = 1
    override_translatable_fields = [SynchronizedField("slug")]
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().order_by("title")
        return context


class CoursePage(PackPage):
    summary = models.TextField()
    country = models.CharField(max_length=2, blank=True)

    parent_page_types = ["rahnuma_learning.CourseIndexPage"]
    subpage_types = ["rahnuma_learning.LessonPage"]
    override_translatable_fields = [*PackPage.override_translatable_fields, SynchronizedField("country")]
    content_panels = [*Page.content_panels, "summary", "country"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        # Imported here: they import this module's models.
        from cms.learning.learners import current_learner
        from cms.learning.progress import course_progress

        context = super().get_context(request, *args, **kwargs)
        lessons = list(LessonPage.objects.child_of(self).live())
        context["lessons"] = lessons
        context["progress"] = course_progress(current_learner(request), self, lessons)
        return context


class LessonPage(PackPage):
    summary = models.TextField()
    minutes = models.PositiveSmallIntegerField(help_text=_("How long the lesson takes, in minutes."))
    body = StreamField([*content_blocks(), (QUIZ_BLOCK, QuizBlock())])
    sources = StreamField([("source", SourceBlock())], blank=True)
    last_verified = models.DateField(null=True, blank=True)

    parent_page_types = ["rahnuma_learning.CoursePage"]
    subpage_types = []
    override_translatable_fields = [
        *PackPage.override_translatable_fields,
        SynchronizedField("minutes"),
        SynchronizedField("sources"),
        SynchronizedField("last_verified"),
    ]
    content_panels = [*Page.content_panels, "summary", "minutes", "body", "sources", "last_verified"]

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from cms.learning.lesson_views import lesson_state  # imports this module's models

        context = super().get_context(request, *args, **kwargs)
        # Plain pages: the links to the previous and next lessons need their titles and URLs, not every
        # lesson's body. A draft being previewed is not among the live lessons: it is read with them.
        lessons = live_siblings(self, LessonPage)
        if not any(lesson.pk == self.pk for lesson in lessons):
            lessons = list(
                Page.objects.sibling_of(self).filter(models.Q(live=True) | models.Q(pk=self.pk)).type(LessonPage)
            )
        position = next(index for index, lesson in enumerate(lessons) if lesson.pk == self.pk)
        context["position"] = position + 1
        context["lesson_count"] = len(lessons)
        context["previous_lesson"] = lessons[position - 1] if position > 0 else None
        context["next_lesson"] = lessons[position + 1] if position + 1 < len(lessons) else None
        context["lesson_state"] = lesson_state(request, self)
        return context

    def serve(self, request, *args, **kwargs):
        """The lesson's forms (its quiz, "I have finished this lesson") post to the lesson itself."""
        from cms.learning.lesson_views import answer_lesson_form  # imports this module's models

        if request.method == "POST":
            return answer_lesson_form(request, self)
        return super().serve(request, *args, **kwargs)


class Learner(models.Model):
    """Someone learning, anonymous unless they later sign in (``user``).

    Deliberately holds nothing personal: no name, no IP address, no user agent. The browser finds
    its learner through the session (cms.learning.learners).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="learners"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_seen_at = models.DateTimeField(default=timezone.now, help_text=_("When they last recorded something."))

    class Meta:
        verbose_name = _("learner")

    def __str__(self):
        return str(self.public_id)


class LessonProgress(models.Model):
    """A lesson the learner finished: said so, or passed its quiz. One per learner and lesson."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="lessons_done")
    pack_id = models.CharField(max_length=100)
    lesson_key = models.CharField(max_length=80)
    language = models.CharField(max_length=16, help_text=_("The language the lesson was finished in."))
    completed_at = models.DateTimeField(default=timezone.now)
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=_("Where it was recorded.")
    )

    class Meta:
        verbose_name = _("finished lesson")
        constraints = [
            models.UniqueConstraint(fields=["learner", "pack_id", "lesson_key"], name="one_progress_per_lesson"),
        ]

    def __str__(self):
        return f"{self.pack_id}:{self.lesson_key} done"


class QuizAttempt(models.Model):
    """One graded submission of a quiz. ``token`` is the form's one-time nonce (cms.learning.tokens):
    unique, so a form posted twice is recorded once."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="quiz_attempts")
    pack_id = models.CharField(max_length=100)
    quiz_key = models.CharField(max_length=80)
    lesson_key = models.CharField(max_length=80)
    language = models.CharField(max_length=16, help_text=_("The language the quiz was taken in."))
    answers = models.JSONField(help_text=_("Question key to the keys of the chosen choices."))
    score_percent = models.PositiveSmallIntegerField(help_text=_("Whole percent, rounded down."))
    passed = models.BooleanField()
    submitted_at = models.DateTimeField(default=timezone.now)
    token = models.CharField(max_length=32, unique=True, editable=False)
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=_("Where it was recorded.")
    )

    class Meta:
        verbose_name = _("quiz attempt")
        indexes = [models.Index(fields=["learner", "pack_id", "quiz_key"], name="attempts_by_quiz")]

    def __str__(self):
        return f"{self.pack_id}:{self.quiz_key} {self.score_percent}%"


class CourseCompletion(models.Model):
    """A course the learner completed: every lesson done and every quiz passed. Kept for good."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="courses_completed")
    pack_id = models.CharField(max_length=100)
    course_key = models.CharField(max_length=80)
    language = models.CharField(max_length=16, help_text=_("The language the last step was taken in."))
    completed_at = models.DateTimeField(default=timezone.now)
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=_("Where it was recorded.")
    )
    channel = models.CharField(
        max_length=20,
        choices=Channel.choices,
        default=Channel.HOME,
        help_text=_("How the learner came: kiosk, home or a changemaker's session (cms.learning.channels)."),
    )

    class Meta:
        verbose_name = _("course completion")
        constraints = [
            models.UniqueConstraint(fields=["learner", "pack_id", "course_key"], name="one_completion_per_course"),
        ]

    def __str__(self):
        return f"{self.pack_id}:{self.course_key} completed"


class LearningTally(models.Model):
    """Counts left behind by learners deleted for privacy (cms.learning.forgetting), so reports still count them.

    One row per site, pack, item, language and week: a course's completions (``course_key``), or a
    quiz's attempts and passes (``quiz_key``). Nothing in it points at a learner.
    """

    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pack_id = models.CharField(max_length=100)
    course_key = models.CharField(max_length=80, blank=True)
    quiz_key = models.CharField(max_length=80, blank=True)
    language = models.CharField(max_length=16)
    week = models.DateField(help_text=_("The Monday the ISO week starts on."))
    channel = models.CharField(
        max_length=20, choices=Channel.choices, default=Channel.HOME, help_text=_("The completions' channel.")
    )
    completions = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    passes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("learning tally")
        verbose_name_plural = _("learning tallies")
        # The permission to see the staff's learning reports (cms.learning.report_views) lives here, with the
        # other reporting data, because Django permissions belong to a model.
        permissions = [("view_learning_reports", _("Can view learning reports"))]

    def __str__(self):
        return f"{self.pack_id}:{self.course_key or self.quiz_key} {self.language} {self.week}"


class ResumeCode(models.Model):
    """A code a learner takes to another device to continue there (cms.learning.resume_codes).

    Only a keyed hash of the code is stored, so the table cannot be read back into working codes.
    A code works for any number of devices until it expires.
    """

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="resume_codes")
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    times_used = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("resume code")

    def __str__(self):
        return f"resume code of {self.learner} until {self.expires_at:%Y-%m-%d}"


class Certificate(models.Model):
    """Proof that a course was completed, with a code anyone can check (cms.learning.certificates).

    What it certifies is copied in when it is issued (the course's title in the language it was
    completed in, that language, the completion's date), so it reads the same after the course is
    renamed, upgraded or removed. The learner may add the name to print; nothing else about them
    is in it. ``learner`` is cleared, not cascaded, when an idle learner is forgotten
    (cms.learning.forgetting): the certificate must still verify after that.
    """

    code = models.CharField(max_length=16, unique=True, editable=False, help_text=_("Without separators."))
    learner = models.ForeignKey(Learner, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates")
    pack_id = models.CharField(max_length=100)
    course_key = models.CharField(max_length=80)
    course_title = models.CharField(max_length=255, help_text=_("In the certificate's language, when issued."))
    language = models.CharField(max_length=16, help_text=_("The language the course was completed in."))
    completed_at = models.DateTimeField()
    issued_at = models.DateTimeField(default=timezone.now, editable=False)
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=_("Where it was issued.")
    )
    name = models.CharField(
        max_length=80, blank=True, help_text=_("The name the learner chose to print on it, if any.")
    )

    class Meta:
        verbose_name = _("certificate")
        constraints = [
            models.UniqueConstraint(fields=["learner", "pack_id", "course_key"], name="one_certificate_per_course"),
        ]

    def __str__(self):
        return f"certificate {self.code} for {self.pack_id}:{self.course_key}"
