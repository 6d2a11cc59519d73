"""Creating a partner: its group, with just the permissions a partner's users need."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from cms.partners.models import Partner

PARTNER_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("rahnuma_partners", "add_packsubmission"),
    ("rahnuma_partners", "change_packsubmission"),
    ("rahnuma_partners", "view_packsubmission"),
    ("rahnuma_contacts", "change_contact"),
    ("rahnuma_contacts", "view_contact"),
]


@transaction.atomic
def create_partner(name: str, publisher: str) -> Partner:
    group, _ = Group.objects.get_or_create(name=f"Partner: {name}")
    for app_label, codename in PARTNER_MODEL_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    partner, _ = Partner.objects.update_or_create(publisher=publisher, defaults={"name": name, "group": group})
    return partner
