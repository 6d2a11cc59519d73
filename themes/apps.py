from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    label = "rahnuma_themes"
    verbose_name = "Rahnuma themes"

    def ready(self):
        from cms.core.page_cache import invalidate_on_change
        from themes.models import ThemeSettings

        # Stored pages carry the theme, name, logo and colours: a change must show at once.
        invalidate_on_change(ThemeSettings)
