"""The admin's "Course packs" pages: their URLs under /admin/packs/ and a settings menu item."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.packs.views.translations import may_see_packs


class PacksMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_packs(request.user)


@hooks.register("register_admin_urls")
def register_pack_admin_urls():
    return [path("packs/", include("cms.packs.admin_urls", namespace="rahnuma_packs"))]


@hooks.register("register_settings_menu_item")
def register_packs_menu_item():
    return PacksMenuItem(_("Course packs"), reverse("rahnuma_packs:index"), icon_name="doc-full-inverse", order=910)
