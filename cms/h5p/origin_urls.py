"""The only routes of the H5P origin (cms.h5p.origin): the player, libraries and token-bound content."""

from django.urls import path, re_path

from cms.h5p import origin_views

urlpatterns = [
    re_path(r"^h5p/player/(?P<name>[A-Za-z0-9_./-]+)$", origin_views.player_file, name="h5p-player-file"),
    path("h5p/embed/<str:token>/", origin_views.embed, name="h5p-embed"),
    path("h5p/content/<str:token>/h5p.json", origin_views.h5p_json, name="h5p-h5p-json"),
    path("h5p/content/<str:token>/content/content.json", origin_views.content_json, name="h5p-content-json"),
    re_path(r"^h5p/content/(?P<token>[^/]+)/content/(?P<name>.+)$", origin_views.content_file),
    re_path(
        r"^h5p/libraries/(?P<folder>[A-Za-z0-9_.-]+-\d+\.\d+)/(?P<name>.+)$",
        origin_views.library_file,
        name="h5p-library-file",
    ),
]
