from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "rahnuma_core"
    verbose_name = "Rahnuma core"
