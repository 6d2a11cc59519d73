from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "cms.indicators"
    label = "rahnuma_indicators"
    verbose_name = "Rahnuma indicators"
