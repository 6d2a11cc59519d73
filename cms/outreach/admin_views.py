"""The admin's "Outreach sessions" (/admin/outreach/): a centre manager's list of their centres' sessions.

Only managers (and superusers) see it, and only the sessions of the centres they manage
(cms.centres.access): a manager in Lahore never sees Mirpur's sessions. Each row links to the
session's page in the field kit, which shows its attendance, slip scans and knowledge gain; below
the list, the knowledge gain per topic over all those sessions (cms.outreach.checks.topic_gains).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.centres.access import has_role, in_centres_of
from cms.centres.models import Role
from cms.outreach.checks import topic_gains
from cms.outreach.models import OutreachSession

PAGE_SIZE = 200


def may_see_centre_sessions(user) -> bool:
    return has_role(user, Role.MANAGER)


def centre_sessions(user):
    sessions = in_centres_of(OutreachSession.objects.all(), user, Role.MANAGER)
    return sessions.select_related("centre", "district", "changemaker").annotate(
        people=Sum("attendance__count"), scan_count=Count("scans", distinct=True)
    )


class CentreSessionsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Outreach sessions")
    header_icon = "group"
    template_name = "rahnuma_outreach/admin/sessions.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_centre_sessions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = centre_sessions(self.request.user)[:PAGE_SIZE]
        context["topics"] = topic_gains(in_centres_of(OutreachSession.objects.all(), self.request.user, Role.MANAGER))
        return context
