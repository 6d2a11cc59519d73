"""URLs of the "Content to re-check" report, under /admin/content-to-recheck/ (cms.verification.wagtail_hooks)."""

from django.urls import path

from cms.verification.views import DueContentReportView, DueContentResultsView

app_name = "rahnuma_verification"
urlpatterns = [
    path("", DueContentReportView.as_view(), name="report"),
    path("results/", DueContentResultsView.as_view(), name="report_results"),
]
