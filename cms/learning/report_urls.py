"""URLs of the learning reports, under /admin/learning-reports/ (registered by cms.learning.wagtail_hooks)."""

from django.urls import path

from cms.learning.report_views import CompletionReportView, QuizReportView

app_name = "rahnuma_learning_reports"
urlpatterns = [
    path("", CompletionReportView.as_view(), name="completions"),
    path("quizzes/", QuizReportView.as_view(), name="quizzes"),
]
