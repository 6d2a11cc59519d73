"""Courses and their lessons. Answering and grading quizzes arrive with the learning engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from cms.core.blocks import SourceBlock, content_blocks
from cms.core.models import PackPage
from cms.learning.blocks import QuizBlock


class CourseIndexPage(Page):
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
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = LessonPage.objects.child_of(self).live()
        return context


class LessonPage(PackPage):
    summary = models.TextField()
    minutes = models.PositiveSmallIntegerField(help_text=_("How long the lesson takes, in minutes."))
    body = StreamField([*content_blocks(), ("quiz", QuizBlock())])
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
        context = super().get_context(request, *args, **kwargs)
        # Include this lesson even when it is a draft being previewed.
        lessons = list(
            LessonPage.objects.sibling_of(self).filter(models.Q(live=True) | models.Q(pk=self.pk)).specific()
        )
        position = next(index for index, lesson in enumerate(lessons) if lesson.pk == self.pk)
        context["position"] = position + 1
        context["lesson_count"] = len(lessons)
        context["previous_lesson"] = lessons[position - 1] if position > 0 else None
        context["next_lesson"] = lessons[position + 1] if position + 1 < len(lessons) else None
        return context
