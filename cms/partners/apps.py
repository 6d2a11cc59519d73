from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "cms.partners"
    label = "rahnuma_partners"
    verbose_name = "Rahnuma partners"
