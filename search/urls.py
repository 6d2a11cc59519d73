"""The public search's URLs, included under every language prefix by cms.urls."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
    path("json/", views.search_json, name="json"),
    path("suggest/", views.suggest_json, name="suggest"),
]
