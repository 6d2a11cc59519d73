"""The learner's own pages, included under /<language>/learn/ by cms.urls: resume codes, accounts, finishing."""

from django.urls import path

from cms.learning import account_views, kiosk_views, resume_views

app_name = "learning"

urlpatterns = [
    path("resume/", resume_views.resume, name="resume"),
    path("resume/new/", resume_views.new_resume_code, name="resume-new"),  # before <code>/, which would match "new"
    path("resume/<str:code>/", resume_views.resume_link, name="resume-link"),
    path("account/signup/", account_views.sign_up, name="signup"),
    path("account/login/", account_views.log_in, name="login"),
    path("account/logout/", account_views.log_out, name="logout"),
    path("finish/", kiosk_views.finish, name="finish"),
]
