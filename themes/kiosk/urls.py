from django.urls import path

from themes.kiosk import views

app_name = "kiosk"

urlpatterns = [
    path("", views.start, name="start"),
    path("destination/", views.destination, name="destination"),
    path("countries/<str:code>/", views.country, name="country"),
    path("countries/<str:code>/handout/", views.handout, name="handout"),
    path("search/", views.search, name="search"),
    path("take-home/", views.take_home, name="take-home"),
]
