"""The field kit, included under /<language>/field/ by cms.urls. The slip link /r/<code>/ is
mounted there too, outside the language prefix (cms.outreach.slips)."""

from django.urls import path

from cms.outreach import field_views, mentoring_views

app_name = "outreach"

urlpatterns = [
    path("", field_views.session_list, name="sessions"),
    path("sessions/new/", field_views.new_session, name="new-session"),
    path("sessions/<uuid:public_id>/", field_views.session_detail, name="session"),
    path("sessions/<uuid:public_id>/slips/", field_views.slip_sheet, name="slips"),
    path("sessions/<uuid:public_id>/check/<str:phase>/", field_views.phone_check, name="phone-check"),
    path("sessions/<uuid:public_id>/paper/", field_views.paper_check, name="paper-check"),
    path("mentoring/", mentoring_views.mentoring, name="mentoring"),
]
