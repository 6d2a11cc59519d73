"""The admin's pages for installed course packs, under /admin/packs/ (registered in wagtail_hooks.py)."""

from django.urls import path

from cms.packs.views import translations

app_name = "rahnuma_packs"
urlpatterns = [
    path("", translations.PackListView.as_view(), name="index"),
    path("<int:pk>/coverage/", translations.CoverageView.as_view(), name="coverage"),
    path("<int:pk>/translations/<str:language>.po", translations.DownloadView.as_view(), name="download_translations"),
    path("<int:pk>/translations/<str:language>/upload/", translations.UploadView.as_view(), name="upload_translations"),
]
