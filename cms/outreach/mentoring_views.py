"""The mentor's page, /<language>/field/mentoring/: their changemakers, who has gone quiet, and visits.

``?days=N`` (1 to 365, default 30) sets how long without a session makes a changemaker inactive;
anything else is a 400 naming ``days``. A visit is recorded for one of the mentor's own changemakers.
"""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.centres.models import Role
from cms.outreach.access import mentored_changemakers
from cms.outreach.field_views import staff_only
from cms.outreach.forms import MentoringVisitForm
from cms.outreach.models import MentoringVisit, OutreachSession

DEFAULT_DAYS = 30
MAX_DAYS = 365


class BadDays(ValueError):
    pass


def inactive_days(value) -> int:
    if value is None or value == "":
        return DEFAULT_DAYS
    try:
        days = int(value)
    except ValueError:
        raise BadDays(_("days: a whole number of days, from 1 to %(max)s.") % {"max": MAX_DAYS}) from None
    if not 1 <= days <= MAX_DAYS:
        raise BadDays(_("days: a whole number of days, from 1 to %(max)s.") % {"max": MAX_DAYS})
    return days


def with_last_session(changemakers):
    """The CentreStaff rows, each annotated with ``last_held_on``: their latest session at that centre."""
    latest = (
        OutreachSession.objects.filter(changemaker=OuterRef("user"), centre=OuterRef("centre"))
        .values("changemaker")
        .annotate(latest=Max("held_on"))
        .values("latest")
    )
    return changemakers.annotate(last_held_on=Subquery(latest)).order_by("user__username")


def inactive_changemakers(changemakers, days: int):
    """Those with no session held in the last ``days`` days (or none ever), at that centre."""
    since = timezone.localdate() - timedelta(days=days)
    return [row for row in with_last_session(changemakers) if row.last_held_on is None or row.last_held_on <= since]


@staff_only(Role.MENTOR)
@require_http_methods(["GET", "POST"])
def mentoring(request):
    changemakers = mentored_changemakers(request.user)
    try:
        days = inactive_days(request.GET.get("days"))
    except BadDays as bad:
        return TemplateResponse(request, "rahnuma_outreach/mentoring.html", {"error": str(bad)}, status=400)
    form = MentoringVisitForm(request.POST or None, changemakers=changemakers)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["changemaker_role"]
        visit = form.save(commit=False)
        visit.mentor, visit.changemaker, visit.centre = request.user, role.user, role.centre
        visit.save()
        messages.success(request, _("Mentoring visit saved."))
        return redirect("outreach:mentoring")
    visits = MentoringVisit.objects.filter(mentor=request.user).select_related("changemaker", "centre")[:50]
    context = {
        "changemakers": with_last_session(changemakers),
        "inactive": inactive_changemakers(changemakers, days),
        "days": days,
        "form": form,
        "visits": visits,
    }
    return TemplateResponse(request, "rahnuma_outreach/mentoring.html", context, status=400 if form.errors else 200)
