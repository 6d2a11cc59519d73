"""The admin's H5P pages, under /admin/h5p/ (registered in wagtail_hooks.py)."""

from django.urls import path

from cms.h5p import admin_views

app_name = "rahnuma_h5p"
urlpatterns = [
    path("", admin_views.IndexView.as_view(), name="index"),
    path("upload/", admin_views.UploadView.as_view(), name="upload"),
    path("libraries/<int:pk>/approve/", admin_views.ApproveView.as_view(), name="approve"),
]
