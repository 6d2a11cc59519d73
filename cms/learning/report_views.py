"""The admin's "Learning reports" (under Reports): course completions per week, and how learners answer quizzes.

Each page takes the same filters (site, course, weeks from/to) as query parameters and offers its
table as CSV and XLSX (``?export=csv`` or ``?export=xlsx`` with the same filters). Seeing them
needs the permission ``rahnuma_learning.view_learning_reports`` (given to the Moderators and
Editors groups; superusers have every permission). The numbers come from cms.learning.reports.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from cms.learning import reports
from cms.learning.charts import Bar, bar_chart
from cms.learning.exports import FORMATS, Table, table_download

REPORT_PERMISSION = "rahnuma_learning.view_learning_reports"
COURSE_SEPARATOR = ":"  # between pack id and course key in the course filter (keys never hold one)


def may_see_learning_reports(user) -> bool:
    return user.has_perm(REPORT_PERMISSION)


class ReportFilterForm(forms.Form):
    site = forms.ModelChoiceField(Site.objects.order_by("hostname", "port"), required=False, empty_label=_("All sites"))
    course = forms.ChoiceField(required=False)
    start = forms.DateField(required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", _("All courses"))] + [
            (f"{pack_id}{COURSE_SEPARATOR}{key}", f"{key} ({pack_id})" if pack_id else key)
            for pack_id, key in reports.known_courses()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def report_filter(self) -> reports.ReportFilter:
        site, course = self.cleaned_data["site"], self.cleaned_data["course"]
        return reports.ReportFilter(
            site_id=site.pk if site else None,
            course=tuple(course.rsplit(COURSE_SEPARATOR, 1)) if course else None,
            start=self.cleaned_data["start"],
            end=self.cleaned_data["end"],
        )


class LearningReportView(WagtailAdminTemplateMixin, TemplateView):
    """A report page: filters, then the table (or its download when ``?export=`` asks for one)."""

    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_learning_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = ReportFilterForm(request.GET or None)
        valid = self.form.is_bound is False or self.form.is_valid()
        self.filters = self.form.report_filter() if self.form.is_bound and valid else reports.ReportFilter()
        export = request.GET.get("export")
        if export is not None:
            if export not in FORMATS:
                return HttpResponseBadRequest(f"export: unknown format {export!r}; use csv or xlsx")
            if not valid:
                return HttpResponseBadRequest(f"filters: {self.form.errors.as_text()}")
            return table_download(self.table(), export)
        self.valid = valid
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("export", None)
        context.update(form=self.form, valid=self.valid, export_query=query.urlencode(), formats=FORMATS)
        return context

    def table(self) -> Table:
        raise NotImplementedError


def _site_names() -> dict[int, str]:
    return {site.pk: site.site_name or site.hostname for site in Site.objects.all()}


class CompletionReportView(LearningReportView):
    template_name = "rahnuma_learning/reports/completions.html"
    page_title = _("Learning reports: course completions")

    def rows(self):
        return reports.completion_rows(self.filters)

    def table(self) -> Table:
        names = _site_names()
        return Table(
            "learning-completions",
            ["Week", "Site", "Pack", "Course", "Language", "Completions"],
            [
                [row.iso_week, names.get(row.site_id, ""), row.pack_id, row.course_key, row.language, row.completions]
                for row in self.rows()
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.rows() if self.valid else []
        weeks = [(reports.iso_week_label(week), count) for week, count in reports.weekly_totals(rows)]
        names = _site_names()
        context.update(rows=[(row, names.get(row.site_id, "")) for row in rows], weeks=weeks, chart=None)
        if weeks:
            context["chart"] = bar_chart(
                [Bar(label, count) for label, count in weeks],
                title=_("Course completions per week"),
                description=_("Bar chart of course completions in each ISO week, from %(first)s to %(last)s.")
                % {"first": weeks[0][0], "last": weeks[-1][0]},
                chart_id="completions-chart",
            )
        return context


class QuizReportView(LearningReportView):
    template_name = "rahnuma_learning/reports/quizzes.html"
    page_title = _("Learning reports: quizzes")

    def get(self, request, *args, **kwargs):
        self.pack_id = request.GET.get("pack_id")
        self.quiz_key = request.GET.get("quiz_key")
        return super().get(request, *args, **kwargs)

    @property
    def analysing(self) -> bool:
        return self.quiz_key is not None

    def table(self) -> Table:
        if not self.analysing:
            return Table(
                "learning-quizzes",
                ["Pack", "Quiz", "Attempts", "Passes"],
                [[s.pack_id, s.quiz_key, s.attempts, s.passes] for s in reports.quiz_summaries(self.filters)],
            )
        analysis = reports.item_analysis(self.pack_id or "", self.quiz_key, self.filters)
        return Table(
            f"quiz-{self.pack_id}-{self.quiz_key}",
            ["Question", "Prompt", "Learners who answered", "Wrong", "Wrong percent"],
            [
                [q.key, q.prompt, q.answered, q.wrong, None if q.wrong_share is None else round(q.wrong_share * 100, 1)]
                for q in analysis.questions
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.valid:
            return context
        if self.analysing:
            context["analysis"] = reports.item_analysis(self.pack_id or "", self.quiz_key, self.filters)
            # The filter form keeps the quiz being analysed.
            context.update(pack_id=self.pack_id or "", quiz_key=self.quiz_key)
            context["hidden"] = [("pack_id", self.pack_id or ""), ("quiz_key", self.quiz_key)]
        else:
            context["quizzes"] = reports.quiz_summaries(self.filters)
        return context
