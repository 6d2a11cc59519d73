"""The indicators in the admin: the dashboard under Reports (managers and superusers), and the
targets staff set, under Settings (cms.indicators.target_views)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.indicators.target_views import TargetViewSet
from cms.indicators.views import may_see_indicators


class IndicatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_indicators(request.user)


@hooks.register("register_admin_urls")
def register_indicator_urls():
    return [path("indicators/", include("cms.indicators.urls", namespace="rahnuma_indicators"))]


@hooks.register("register_reports_menu_item")
def register_indicators_menu_item():
    return IndicatorsMenuItem(_("Indicators"), reverse("rahnuma_indicators:dashboard"), icon_name="table", order=1050)


@hooks.register("register_admin_viewset")
def register_target_viewset():
    return TargetViewSet("indicator_targets")
