from django.apps import AppConfig


class PacksConfig(AppConfig):
    name = "cms.packs"
    label = "rahnuma_packs"
    verbose_name = "Rahnuma packs"
