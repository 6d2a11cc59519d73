from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem


@hooks.register("register_admin_urls")
def register_plugin_admin_urls():
    return [path("plugins/", include("cms.plugins.urls", namespace="rahnuma_plugins"))]


@hooks.register("register_settings_menu_item")
def register_plugins_menu_item():
    return AdminOnlyMenuItem("Plugins", reverse("rahnuma_plugins:index"), icon_name="resubmit", order=900)
