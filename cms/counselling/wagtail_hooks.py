"""The counsellor's screens in the admin: URLs under /admin/counselling/, a menu item for counsellors
only, and the audit log's counselling actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.counselling.access import may_counsel
from cms.counselling.audit import ACTIONS


class CounsellingMenuItem(MenuItem):
    def is_shown(self, request):
        return may_counsel(request.user)


@hooks.register("register_admin_urls")
def register_counselling_urls():
    return [path("counselling/", include("cms.counselling.urls", namespace="rahnuma_counselling"))]


@hooks.register("register_admin_menu_item")
def register_counselling_menu_item():
    return CounsellingMenuItem(_("Counselling"), reverse("rahnuma_counselling:clients"), icon_name="user", order=450)


@hooks.register("register_log_actions")
def register_counselling_log_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
