from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "rahnuma_core"
    verbose_name = "Rahnuma core"

    def ready(self):
        from cms.core import page_cache

        page_cache.connect_signals()
