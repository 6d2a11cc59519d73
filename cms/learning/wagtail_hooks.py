"""The admin's "Learning reports": their URLs under /admin/learning-reports/ and a menu item under Reports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.learning.report_views import may_see_learning_reports


class LearningReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_learning_reports(request.user)


@hooks.register("register_admin_urls")
def register_learning_report_urls():
    return [path("learning-reports/", include("cms.learning.report_urls", namespace="rahnuma_learning_reports"))]


@hooks.register("register_reports_menu_item")
def register_learning_reports_menu_item():
    return LearningReportsMenuItem(
        _("Learning reports"), reverse("rahnuma_learning_reports:completions"), icon_name="doc-full", order=1100
    )
