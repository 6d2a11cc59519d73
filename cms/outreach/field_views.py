"""The changemaker's field kit, under /<language>/field/ (cms.outreach.urls): small pages for a phone.

GET       field/                              the sessions this user may see (cms.outreach.access)
GET/POST  field/sessions/new/                 record a session; field-kit.js posts it with fetch and
                                              ``Accept: application/json`` (201 new, 200 already stored,
                                              400 {"errors"}), or keeps it on the phone while offline
GET       field/sessions/<id>/                the session, its slip scans and its knowledge gain
GET       field/sessions/<id>/slips/          the printable sheet of referral slips (A4)
GET/POST  field/sessions/<id>/check/<phase>/  the shared phone's before/after check, one person at a time
GET/POST  field/sessions/<id>/paper/          paper check results, entered per question and phase

Every page needs a login and a centre role (cms.centres); a session someone may not see is a 404.
Recording, checks and paper entry are for the changemaker who holds the session.
"""

import functools
import re
import secrets
import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.centres.access import has_role
from cms.centres.models import Role
from cms.learning.grading import InvalidAnswers, read_answers
from cms.outreach.access import editable_sessions, visible_sessions
from cms.outreach.checks import knowledge_gain, record_check_attempt, save_paper_tallies, session_quiz
from cms.outreach.forms import PaperTallyForm, SessionForm
from cms.outreach.models import Phase
from cms.outreach.recording import SessionTaken, existing_session, record_session
from cms.outreach.slips import MAX_SHEETS, SESSION_KEY, slip_sheet_context

FIELD_ROLES = (Role.CHANGEMAKER, Role.MENTOR, Role.MANAGER)
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def staff_only(*roles):
    """View decorator: a logged-in user holding one of ``roles`` at some centre; others get 403."""

    def decorator(view):
        @functools.wraps(view)
        @never_cache
        def checked(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("learning:login"))
            if not has_role(request.user, *roles):
                raise PermissionDenied("no centre role for the field kit")
            return view(request, *args, **kwargs)

        return checked

    return decorator


def wants_json(request) -> bool:
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


@staff_only(*FIELD_ROLES)
def session_list(request):
    sessions = (
        visible_sessions(request.user)
        .select_related("district", "changemaker", "centre")
        .prefetch_related("attendance")
    )
    context = {"sessions": sessions, "may_record": has_role(request.user, Role.CHANGEMAKER)}
    return TemplateResponse(request, "rahnuma_outreach/session_list.html", context)


@staff_only(Role.CHANGEMAKER)
@require_http_methods(["GET", "POST"])
def new_session(request):
    as_json = wants_json(request)
    if request.method == "POST":
        try:
            stored = _stored_session(request)
        except SessionTaken:
            raise PermissionDenied("this session id is someone else's") from None
        if stored is not None:  # a replay: answer with the session already recorded, change nothing
            return _session_saved(request, stored, created=False, as_json=as_json)
        form = SessionForm(request.POST, user=request.user)
        if form.is_valid():
            session, created = record_session(form, request.user)
            return _session_saved(request, session, created, as_json)
        if as_json:
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    else:
        form = SessionForm(user=request.user, initial={"public_id": uuid.uuid4()})
    status = 400 if form.errors else 200
    return TemplateResponse(request, "rahnuma_outreach/session_form.html", {"form": form}, status=status)


def _stored_session(request):
    try:
        public_id = uuid.UUID(request.POST.get("public_id", ""))
    except ValueError:
        return None  # the form reports the field
    return existing_session(public_id, request.user)


def _session_saved(request, session, created, as_json):
    url = reverse("outreach:session", args=[session.public_id])
    if as_json:
        return JsonResponse({"public_id": str(session.public_id), "url": url}, status=201 if created else 200)
    if created:
        messages.success(request, _("Session saved."))
    return redirect(url)


@staff_only(*FIELD_ROLES)
def session_detail(request, public_id):
    session = get_object_or_404(
        visible_sessions(request.user).select_related("district", "changemaker", "centre", "check_lesson"),
        public_id=public_id,
    )
    context = {
        "session": session,
        "attendance": session.attendance.order_by("age_band", "sex"),
        "topics": session.topics.all(),
        "scans": session.scans.count(),
        "report": knowledge_gain(session),
        "may_change": editable_sessions(request.user).filter(pk=session.pk).exists(),
        "phases": Phase.choices,
    }
    return TemplateResponse(request, "rahnuma_outreach/session_detail.html", context)


@staff_only(*FIELD_ROLES)
def slip_sheet(request, public_id):
    session = get_object_or_404(visible_sessions(request.user), public_id=public_id)
    try:
        sheets = min(max(int(request.GET.get("sheets", "1")), 1), MAX_SHEETS)
    except ValueError:
        sheets = 1
    return TemplateResponse(request, "rahnuma_outreach/slip_sheet.html", slip_sheet_context(request, session, sheets))


@staff_only(Role.CHANGEMAKER)
@require_http_methods(["GET", "POST"])
def phone_check(request, public_id, phase):
    session = get_object_or_404(editable_sessions(request.user).select_related("check_lesson"), public_id=public_id)
    quiz = session_quiz(session)
    if quiz is None or phase not in Phase.values:
        return redirect("outreach:session", session.public_id)
    # The phone's learning now counts as reached through this session (cms.learning.channels).
    request.session[SESSION_KEY] = str(session.public_id)
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "")
        try:
            if not TOKEN_PATTERN.match(token):
                raise InvalidAnswers("token: missing or malformed")
            answers = read_answers(quiz, request.POST)
        except InvalidAnswers:
            error = _("This form could not be recorded. Please answer again.")
        else:
            record_check_attempt(session, phase, answers, token)
            messages.success(request, _("Answers recorded. Please pass the phone to the next person."))
            return redirect("outreach:phone-check", session.public_id, phase)
    context = {
        "session": session,
        "quiz": quiz,
        "phase": phase,
        "phase_label": Phase(phase).label,
        "token": secrets.token_urlsafe(24),
        "error": error,
        "answered": session.check_attempts.filter(phase=phase).count(),
    }
    return TemplateResponse(request, "rahnuma_outreach/phone_check.html", context, status=400 if error else 200)


@staff_only(Role.CHANGEMAKER)
@require_http_methods(["GET", "POST"])
def paper_check(request, public_id):
    session = get_object_or_404(editable_sessions(request.user).select_related("check_lesson"), public_id=public_id)
    quiz = session_quiz(session)
    if quiz is None:
        return redirect("outreach:session", session.public_id)
    initial = {
        PaperTallyForm.field_name(row.phase, row.question_key, measure): getattr(row, measure)
        for row in session.paper_tallies.all()
        for measure in ("answered", "correct")
    }
    form = PaperTallyForm(request.POST or None, quiz=quiz, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_paper_tallies(session, form.tallies())
        messages.success(request, _("Paper check results saved."))
        return redirect("outreach:session", session.public_id)
    context = {"session": session, "quiz": quiz, "form": form}
    return TemplateResponse(request, "rahnuma_outreach/paper_check.html", context, status=400 if form.errors else 200)
