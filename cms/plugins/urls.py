from django.urls import path

from cms.plugins.views import PluginListView

app_name = "rahnuma_plugins"
urlpatterns = [path("", PluginListView.as_view(), name="index")]
