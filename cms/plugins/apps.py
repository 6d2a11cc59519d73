from django.apps import AppConfig


class PluginsConfig(AppConfig):
    name = "cms.plugins"
    label = "rahnuma_plugins"
    verbose_name = "Rahnuma plugins"

    def ready(self):
        from cms.plugins import checks  # noqa: F401  (registers the system checks)
