from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "cms.contacts"
    label = "rahnuma_contacts"
    verbose_name = "Rahnuma contacts"
