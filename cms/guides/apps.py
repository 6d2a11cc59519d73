from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "cms.guides"
    label = "rahnuma_guides"
    verbose_name = "Rahnuma guides"
