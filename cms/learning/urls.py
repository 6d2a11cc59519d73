"""The learner's own pages, included under /<language>/learn/ by cms.urls: resume codes, accounts, finishing,
certificates and their public verification."""

from django.urls import path

from cms.learning import account_views, certificate_views, kiosk_views, lesson_views, resume_views

app_name = "learning"

urlpatterns = [
    path("resume/", resume_views.resume, name="resume"),
    path("resume/new/", resume_views.new_resume_code, name="resume-new"),  # before <code>/, which would match "new"
    path("resume/<str:code>/", resume_views.resume_link, name="resume-link"),
    path("account/signup/", account_views.sign_up, name="signup"),
    path("account/login/", account_views.log_in, name="login"),
    path("account/logout/", account_views.log_out, name="logout"),
    path("finish/", kiosk_views.finish, name="finish"),
    path("lessons/<int:lesson_id>/answer/", lesson_views.answer_quiz, name="quiz-answer"),
    path("certificates/<str:code>/", certificate_views.certificate_page, name="certificate"),
    path("certificates/<str:code>/pdf/", certificate_views.certificate_pdf_download, name="certificate-pdf"),
    path("verify/", certificate_views.verify, name="verify"),
    path("verify/<str:code>/", certificate_views.verify_code, name="verify-code"),
]
