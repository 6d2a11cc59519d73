"""Country guides: one guide per destination, made of sections that follow the template."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from cms.core.blocks import SourceBlock, content_blocks
from cms.core.models import PackPage
from cms.core.page_neighbours import live_siblings
from cms.core.view_restrictions import KnownViewRestrictionsMixin
from cms.learning.models import CoursePage

# The country-guide template's sections (see docs/course-packs.md); the pack format's list.
from course_packs.schema import GUIDE_TOPICS

TOPIC_CHOICES = [(topic, topic.replace("-", " ").capitalize()) for topic in GUIDE_TOPICS]


class CountryIndexPage(KnownViewRestrictionsMixin, Page):
    intro = models.TextField(blank=True)

    parent_page_types = ["rahnuma_core.HomePage"]
    subpage_types = ["rahnuma_guides.CountryGuidePage"]
    max_count_per_parent = 1
    override_translatable_fields = [SynchronizedField("slug")]
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = _("country index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = CountryGuidePage.objects.child_of(self).live().order_by("title")
        return context


class CountryGuidePage(PackPage):
    country = models.CharField(max_length=2, help_text=_("ISO 3166-1 alpha-2 code, e.g. SA"))
    summary = models.TextField()

    parent_page_types = ["rahnuma_guides.CountryIndexPage"]
    subpage_types = ["rahnuma_guides.GuideSectionPage"]
    override_translatable_fields = [*PackPage.override_translatable_fields, SynchronizedField("country")]
    content_panels = [*Page.content_panels, "country", "summary"]

    class Meta:
        verbose_name = _("country guide")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guide_sections"] = GuideSectionPage.objects.child_of(self).live()
        return context


class GuideSectionPage(PackPage):
    topic = models.CharField(max_length=40, choices=TOPIC_CHOICES)
    summary = models.TextField()
    body = StreamField(content_blocks())
    sources = StreamField([("source", SourceBlock())], blank=True)
    last_verified = models.DateField(help_text=_("When the facts were last checked against their sources."))
    content_owner = models.CharField(max_length=255, help_text=_("Who keeps this section true."))
    course_keys = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Pack keys of courses, from any pack, that teach what this section asks for."),
    )

    parent_page_types = ["rahnuma_guides.CountryGuidePage"]
    subpage_types = []
    override_translatable_fields = [
        *PackPage.override_translatable_fields,
        SynchronizedField("topic"),
        SynchronizedField("sources"),
        SynchronizedField("last_verified"),
        SynchronizedField("content_owner"),
        SynchronizedField("course_keys"),
    ]
    content_panels = [
        *Page.content_panels,
        "topic",
        "summary",
        "body",
        "sources",
        "last_verified",
        "content_owner",
        "course_keys",
    ]

    class Meta:
        verbose_name = _("guide section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Titles and URLs only: plain pages, without every section's body.
        context["siblings"] = live_siblings(self, GuideSectionPage)
        context["courses"] = self.linked_courses()
        return context

    def linked_courses(self) -> list:
        """The live courses of ``course_keys`` in this site, in the section's language where they have it.

        A course may come from another plugin (a training partner's), which the site may not have
        enabled: those are left out.
        """
        site = self.get_site() if self.course_keys else None
        if site is None:  # no courses named, or a page outside every site
            return []
        in_site = Q()
        for home in site.root_page.get_translations(inclusive=True):
            in_site |= Q(path__startswith=home.path)
        found = {}
        courses = CoursePage.objects.live().filter(in_site, pack_key__in=self.course_keys)
        for course in courses:
            if course.pack_key not in found or course.locale_id == self.locale_id:
                found[course.pack_key] = course
        return [found[key] for key in self.course_keys if key in found]
