"""URLs of the counsellor's screens, under /admin/counselling/ (registered by cms.counselling.wagtail_hooks)."""

from django.urls import path

from cms.counselling import views

app_name = "rahnuma_counselling"
urlpatterns = [
    path("", views.ClientListView.as_view(), name="clients"),
    path("new/", views.ClientFormView.as_view(), name="client_new"),
    path("<int:pk>/", views.ClientDetailView.as_view(), name="client"),
    path("<int:pk>/edit/", views.ClientFormView.as_view(), name="client_edit"),
    path("<int:pk>/delete/", views.ClientDeleteView.as_view(), name="client_delete"),
    path("<int:client_pk>/contacts/new/", views.ContactFormView.as_view(), name="contact_new"),
    path("contacts/<int:pk>/", views.ContactFormView.as_view(), name="contact_edit"),
    path("<int:client_pk>/referrals/new/", views.ReferralFormView.as_view(), name="referral_new"),
    path("referrals/<int:pk>/", views.ReferralFormView.as_view(), name="referral_edit"),
    path("<int:client_pk>/complaints/new/", views.ComplaintFormView.as_view(), name="complaint_new"),
    path("complaints/<int:pk>/", views.ComplaintFormView.as_view(), name="complaint_edit"),
]
