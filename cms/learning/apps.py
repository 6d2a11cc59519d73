from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "cms.learning"
    label = "rahnuma_learning"
    verbose_name = "Rahnuma learning"
