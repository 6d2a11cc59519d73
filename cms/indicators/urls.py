"""URL of the indicators dashboard, under /admin/indicators/ (registered by cms.indicators.wagtail_hooks)."""

from django.urls import path

from cms.indicators.views import IndicatorDashboardView

app_name = "rahnuma_indicators"
urlpatterns = [path("", IndicatorDashboardView.as_view(), name="dashboard")]
