"""The site's H5P endpoints, under /h5p/ on the site's own hosts (the H5P origin has its own routes)."""

from django.urls import path

from cms.h5p import site_views

app_name = "h5p"
urlpatterns = [
    path("lessons/<int:lesson_id>/launch/", site_views.launch, name="launch"),
    path("lessons/<int:lesson_id>/xapi/", site_views.xapi, name="xapi"),
]
