from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "cms.centres"
    label = "rahnuma_centres"
    verbose_name = "Rahnuma centres"
