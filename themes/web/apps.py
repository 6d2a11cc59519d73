from django.apps import AppConfig


class WebThemeConfig(AppConfig):
    name = "themes.web"
    label = "rahnuma_theme_web"
    verbose_name = "Rahnuma web theme"
