"""The home page and what every pack-made item shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.page_neighbours import live_children, parent_of
from cms.core.view_restrictions import KnownViewRestrictionsMixin


class PackItem(models.Model):
    """Marks content made by a course pack: which pack, and the item's stable key in it.

    Keys are shared by every language's copy (synchronised, never translated), so progress,
    upgrades and translations find the item in any locale.
    """

    pack_id = models.CharField(max_length=100, blank=True, db_index=True, editable=False)
    pack_key = models.CharField(max_length=80, blank=True, db_index=True, editable=False)

    synchronized_pack_fields = [SynchronizedField("pack_id"), SynchronizedField("pack_key")]

    class Meta:
        abstract = True


class PackPage(KnownViewRestrictionsMixin, PackItem, Page):
    """A page made from a pack item. Slugs are synchronised so every language shares one URL path."""

    override_translatable_fields = [*PackItem.synchronized_pack_fields, SynchronizedField("slug")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parent"] = parent_of(self)  # the breadcrumb's link
        return context


class HomePage(KnownViewRestrictionsMixin, Page):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    max_count_per_parent = 1
    subpage_types = [
        "rahnuma_guides.CountryIndexPage",
        "rahnuma_learning.CourseIndexPage",
        "rahnuma_contacts.ContactDirectoryPage",
    ]
    override_translatable_fields = [SynchronizedField("slug")]
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = live_children(self)
        return context


class PageCacheGeneration(models.Model):
    """The content generation of the shared page cache (cms.core.page_cache): one row, one counter.

    Kept in the database, not the cache, so that a change counts in every worker and on every
    server the moment its transaction commits, whichever cache backend each one uses.
    """

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("page cache generation")

    def __str__(self):
        return str(self.value)
