"""The admin's "H5P activities" pages: their URLs under /admin/h5p/ and a menu item."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.h5p.admin_views import may_upload
from cms.h5p.models import ContentText


class H5PMenuItem(MenuItem):
    def is_shown(self, request):
        return may_upload(request.user)


@hooks.register("register_admin_urls")
def register_h5p_admin_urls():
    return [path("h5p/", include("cms.h5p.admin_urls", namespace="rahnuma_h5p"))]


@hooks.register("register_admin_menu_item")
def register_h5p_menu_item():
    return H5PMenuItem(_("H5P activities"), reverse("rahnuma_h5p:index"), icon_name="media", order=350)


class ContentTextViewSet(SnippetViewSet):
    """The activities' texts, which editors translate with wagtail-localize's "Translate" action."""

    model = ContentText
    icon = "media"
    menu_label = _("H5P texts")
    add_to_admin_menu = False
    list_display = ["__str__", "locale"]


register_snippet(ContentTextViewSet)
