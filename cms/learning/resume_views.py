"""The resume-code pages, under /<language>/learn/resume/ (cms.learning.urls).

GET  resume/           the learner's courses in progress, the form to type a code, and (with a
                       learner) the button that makes one
POST resume/           redeem the typed code: tie its learner to this session, then back to GET;
                       limited by cms.learning.throttle (429 once a bucket is full)
POST resume/new/       make a code for this session's learner and show it once, with a QR code of
                       its link (an SVG drawn on the server by segno: no script, no outside service)
GET  resume/<code>/    the link in the QR code: the form with the code filled in, so that opening a
                       link (or a browser prefetching it) changes nothing until the learner presses
                       "Continue"
"""

import segno
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale

from cms.learning.accounts import settle_learner
from cms.learning.kiosk import address_for_phones
from cms.learning.learners import current_learner, tie_learner
from cms.learning.models import CoursePage, LessonPage
from cms.learning.progress import course_progress
from cms.learning.resume_codes import CodeRefused, format_code, issue_code, normalise, redeem_code
from cms.learning.throttle import WINDOW, is_locked, note_failure

THROTTLE_SCOPE = "resume"


@require_http_methods(["GET", "POST"])
def resume(request):
    if request.method == "GET":
        return _resume_page(request)
    if is_locked(request, THROTTLE_SCOPE):
        return too_many_attempts(request)
    typed = request.POST.get("code", "")
    try:
        learner = redeem_code(typed)
    except CodeRefused as refused:
        if refused.reason != "malformed":  # only a well-formed code is a guess worth counting
            note_failure(request, THROTTLE_SCOPE)
        return _resume_page(request, typed=typed, error=_refusal_message(refused.reason))
    if not request.user.is_authenticated:
        tie_learner(request, learner)
    elif learner.user_id in (None, request.user.pk):
        settle_learner(request, request.user, learner)
    else:
        return _resume_page(
            request, typed=typed, error=_("This code belongs to another account. Log out first, then try again.")
        )
    messages.success(request, _("Welcome back. Your progress is on this device now."))
    return redirect("learning:resume")


def resume_link(request, code):
    normalised = normalise(code)
    return _resume_page(request, typed=format_code(normalised) if normalised else code)


@require_POST
@never_cache  # the page shows the code; no cache or back button should keep it
def new_resume_code(request):
    learner = current_learner(request)
    if learner is None:  # nothing recorded yet, so nothing to continue
        return redirect("learning:resume")
    code = issue_code(learner)
    link = address_for_phones(request, reverse("learning:resume-link", args=[code]))
    context = {"code": code, "link": link, "qr_svg": qr_svg(link), "days": settings.RAHNUMA_RESUME_CODE_DAYS}
    return TemplateResponse(request, "rahnuma_learning/resume_code.html", context)


def qr_svg(link: str, title: str | None = None) -> str:
    """The link as a QR code, an inline SVG (dark on a light margin, so phones read it in dark mode too).
    ``title`` names it for screen readers; by default, as the resume link."""
    qr = segno.make(link, error="m", micro=False)
    title = title or _("QR code of your resume link")
    # segno writes the SVG itself and escapes the title; nothing in it comes unescaped from the request.
    return mark_safe(qr.svg_inline(scale=4, title=title, svgclass="qr-code", light="#fff"))


def too_many_attempts(request):
    context = {"minutes": int(WINDOW.total_seconds() // 60)}
    return TemplateResponse(request, "rahnuma_learning/too_many_attempts.html", context, status=429)


def _refusal_message(reason: str) -> str:
    return {
        "malformed": _("A code has 12 letters and numbers, like CDFG-HJKM-NPQR. Please check it and try again."),
        "unknown": _("We do not know this code. Please check it and try again."),
        "expired": _("This code has expired. Ask for a new code on the device where you started."),
    }[reason]


def _resume_page(request, typed="", error=""):
    learner = current_learner(request)
    context = {"learner": learner, "courses": _courses_started(learner), "typed": typed, "error": error}
    return TemplateResponse(request, "rahnuma_learning/resume.html", context, status=400 if error else 200)


def _courses_started(learner):
    """(course, progress) for each live course in this language that the learner has started."""
    if learner is None:
        return []
    courses = CoursePage.objects.live().filter(locale=Locale.get_active()).order_by("title")
    standings = (
        (course, course_progress(learner, course, LessonPage.objects.child_of(course).live())) for course in courses
    )
    return [(course, progress) for course, progress in standings if progress.started or progress.completion]
