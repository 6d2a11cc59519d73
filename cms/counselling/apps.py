from django.apps import AppConfig


class CounsellingConfig(AppConfig):
    name = "cms.counselling"
    label = "rahnuma_counselling"
    verbose_name = "Rahnuma counselling"
