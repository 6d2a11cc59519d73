"""The indicators dashboard in the admin (Reports > Indicators), for centre managers and superusers.

Figures cover the centres where the user is a manager (every centre for a superuser), all together
or one at a time. ``?export=csv`` or ``?export=xlsx`` with the same filters downloads the very table
the page shows (cms.indicators.tables), so the file and the screen cannot disagree.
"""

from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.centres.access import has_role
from cms.centres.models import Role
from cms.indicators.figures import Figures, compute
from cms.indicators.forms import IndicatorFilterForm
from cms.indicators.models import Indicator
from cms.indicators.tables import breakdown_titles, category_labels, figure_rows, figures_table, headers
from cms.indicators.targets import progress, targets_for
from cms.learning.charts import Bar, bar_chart
from cms.learning.exports import FORMATS, table_download

# The charts: (indicator, dimension) pairs; their numbers are in the tables below them too.
CHARTS = (
    (Indicator.REACHED, "sex"),
    (Indicator.REACHED, "district"),
    (Indicator.COMPLETIONS, "channel"),
)


def may_see_indicators(user) -> bool:
    return has_role(user, Role.MANAGER)


class IndicatorDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "rahnuma_indicators/dashboard.html"
    page_title = gettext_lazy("Indicators")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_indicators(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        query = request.GET.copy()
        export = query.pop("export", [None])[-1]
        self.form = IndicatorFilterForm(query or None, user=request.user)
        self.valid = not self.form.is_bound or self.form.is_valid()
        self.figures = compute(self.form.filters()) if self.valid else None
        if export is not None:
            if export not in FORMATS:
                return HttpResponseBadRequest(f"export: unknown format {export!r}; use csv or xlsx")
            if not self.valid:
                return HttpResponseBadRequest(f"filters: {self.form.errors.as_text()}")
            return table_download(figures_table(self.figures), export)
        self.export_query = query.urlencode()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, valid=self.valid, export_query=self.export_query, formats=FORMATS)
        if self.valid:
            rows = figure_rows(self.figures)
            context.update(
                figures=self.figures,
                headers=headers(),
                totals=rows[0],
                sections=[(title, list(group)) for title, group in groupby(rows[1:], key=lambda row: row[0])],
                charts=charts(self.figures),
                targets=self.target_progress(),
            )
        return context

    def target_progress(self):
        user = self.request.user
        centre_ids = self.form.user_centre_ids()
        return [progress(target, centre_ids) for target in targets_for(centre_ids, all_centres=user.is_superuser)]


def charts(figures: Figures) -> list:
    labels = category_labels(figures)
    drawn = []
    for indicator, dimension in CHARTS:
        bars = [
            Bar(labels[dimension].get(key, _("Not recorded")), values[indicator])
            for key, values in figures.breakdowns[dimension]
        ]
        if not any(bar.value for bar in bars):
            continue
        title = _("%(indicator)s: %(breakdown)s") % {
            "indicator": indicator.label,
            "breakdown": breakdown_titles()[dimension].lower(),
        }
        drawn.append(
            bar_chart(
                bars,
                title=title,
                description=_("Bar chart of %(title)s; the same numbers are in the table below.") % {"title": title},
                chart_id=f"chart-{indicator.value}-{dimension}",
            )
        )
    return drawn
