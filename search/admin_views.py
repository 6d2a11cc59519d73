"""The admin's "Search terms" report: what learners search for most, and what finds nothing.

Built from search.models.SearchQueryCount (normalised query, language, counts per day; nothing
personal). Zero-result queries show editors which content or spellings are missing. The report also
lists the spellings shipped in files, each with a link to change it (an editor's entry with its key).
"""

from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search.lexicon import shipped_entries
from search.models import LexiconEntry, SearchQueryCount

REPORT_PERMISSION = "rahnuma_search.view_searchquerycount"
ROWS = 50
PERIODS = [(7, _("Last 7 days")), (30, _("Last 30 days")), (90, _("Last 90 days")), (365, _("Last year"))]


def may_see_search_terms(user) -> bool:
    return user.has_perm(REPORT_PERMISSION)


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(choices=PERIODS, coerce=int, initial=30, label=_("Period"))


class SearchTermsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "rahnuma_search/admin/search_terms.html"
    page_title = _("Search terms")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_search_terms(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET or None)
        days = form.cleaned_data["days"] if form.is_bound and form.is_valid() else 30
        counts = (
            SearchQueryCount.objects.filter(day__gte=timezone.localdate() - timedelta(days=days - 1))
            .values("query", "language")
            .annotate(total=Sum("searches"), zero=Sum("zero_results"))
        )
        context.update(
            form=form,
            days=days,
            popular=counts.order_by("-total", "query")[:ROWS],
            zero_results=counts.filter(zero__gt=0).order_by("-zero", "query")[:ROWS],
            shipped=sorted(shipped_entries().values(), key=lambda entry: entry.key),
            overridden=set(LexiconEntry.objects.values_list("key", flat=True)),
        )
        return context
