"""The admin's "Outreach sessions" menu item and its URL (cms.outreach.admin_views), for centre managers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.outreach.admin_views import CentreSessionsView, may_see_centre_sessions


class CentreSessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_centre_sessions(request.user)


@hooks.register("register_admin_urls")
def register_outreach_admin_urls():
    return [path("outreach/", CentreSessionsView.as_view(), name="rahnuma_outreach_sessions")]


@hooks.register("register_admin_menu_item")
def register_outreach_menu_item():
    return CentreSessionsMenuItem(
        _("Outreach sessions"), reverse("rahnuma_outreach_sessions"), icon_name="group", order=900
    )
