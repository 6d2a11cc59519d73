"""Editors upload recordings under Snippets > Read-aloud recordings: one per page and language."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.readaloud.models import READ_ALOUD_PAGE_MODELS, Recording


class RecordingViewSet(SnippetViewSet):
    model = Recording
    icon = "media"
    menu_label = _("Read-aloud recordings")
    list_display = ["page", "updated_at"]
    search_fields = []
    panels = [PageChooserPanel("page", list(READ_ALOUD_PAGE_MODELS)), FieldPanel("audio")]

    def get_queryset(self, request):
        return Recording.objects.select_related("page", "page__locale")


register_snippet(RecordingViewSet)
