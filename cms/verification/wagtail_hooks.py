"""The report's URLs and menu item under Reports, and its count on the admin dashboard."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem

from cms.verification.stale import due_count, may_review_content


class DueContentMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review_content(request.user)


class DueContentSummaryItem(SummaryItem):
    """The dashboard's "N items to re-check", linking to the report."""

    order = 900
    template_name = "rahnuma_verification/summary_item.html"

    def get_context_data(self, parent_context):
        return {"count": due_count(self.request.user), "url": reverse("rahnuma_verification:report")}

    def is_shown(self):
        return may_review_content(self.request.user)


@hooks.register("register_admin_urls")
def register_due_content_urls():
    return [path("content-to-recheck/", include("cms.verification.urls", namespace="rahnuma_verification"))]


@hooks.register("register_reports_menu_item")
def register_due_content_menu_item():
    return DueContentMenuItem(
        _("Content to re-check"), reverse("rahnuma_verification:report"), icon_name="time", order=1200
    )


@hooks.register("construct_homepage_summary_items")
def add_due_content_summary_item(request, summary_items):
    summary_items.append(DueContentSummaryItem(request))
