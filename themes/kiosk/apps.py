from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KioskThemeConfig(AppConfig):
    name = "themes.kiosk"
    label = "rahnuma_theme_kiosk"
    verbose_name = "Rahnuma kiosk theme"

    def ready(self):
        from themes.registry import Theme, register_theme

        register_theme(
            Theme(
                "kiosk",
                _("Kiosk (touch screen at a centre)"),
                "themes/kiosk",
                stylesheets=("web/css/site.css", "kiosk/css/kiosk.css"),
                shared_screen=True,
            )
        )
