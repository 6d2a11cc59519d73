from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebThemeConfig(AppConfig):
    name = "themes.web"
    label = "rahnuma_theme_web"
    verbose_name = "Rahnuma web theme"

    def ready(self):
        from themes.registry import BASE_THEME, Theme, register_theme

        # The fallback of every other theme: its templates are found without a folder prefix.
        register_theme(Theme(BASE_THEME, _("Web (phones first)"), None, stylesheets=("web/css/site.css",)))
