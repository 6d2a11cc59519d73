"""The search's admin: editors' spellings (a snippet under Settings) and the "Search terms" report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from search.admin_views import SearchTermsView, may_see_search_terms
from search.lexicon import shipped_entries
from search.models import LexiconEntry


class LexiconEntryCreateView(CreateView):
    """Adding an entry with ``?key=`` of a shipped entry starts from the shipped spellings (to change them)."""

    def get_initial_form_instance(self):
        entry = shipped_entries().get(self.request.GET.get("key", ""))
        if entry is None:
            return super().get_initial_form_instance()
        lines = {system: "\n".join(entry.spellings.get(system, ())) for system in ("en", "ur", "pnb", "roman")}
        return LexiconEntry(
            key=entry.key, english=lines["en"], urdu=lines["ur"], shahmukhi=lines["pnb"], roman=lines["roman"]
        )


class LexiconEntryViewSet(SnippetViewSet):
    model = LexiconEntry
    add_view_class = LexiconEntryCreateView
    icon = "search"
    menu_label = _("Search spellings")
    add_to_settings_menu = True
    list_display = ["key", "english", "urdu", "shahmukhi", "roman", "enabled"]
    list_filter = ["enabled"]


register_snippet(LexiconEntryViewSet)


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_search_terms(request.user)


@hooks.register("register_admin_urls")
def register_search_terms_url():
    return [path("search-terms/", SearchTermsView.as_view(), name="rahnuma_search_terms")]


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(_("Search terms"), reverse("rahnuma_search_terms"), icon_name="search", order=1200)
