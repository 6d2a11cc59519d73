"""What a partner's users may touch: their own submissions, pages and contacts, nothing else.

MRC staff are governed by Wagtail's ordinary model and page permissions. A user in a partner's
group is further limited to content whose publisher is that partner. Pages are limited by
Wagtail's page permissions, granted on the partner's pack pages when a pack is installed.
"""

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission, Page

from cms.contacts.models import Contact
from cms.packs.importer import translation_key
from cms.packs.models import InstalledPack
from cms.partners.models import PackSubmission, Partner

# The page permissions a partner gets on its own pack pages: edit and submit for approval, not publish.
PARTNER_PAGE_PERMISSIONS = ("change_page",)


def partner_of(user) -> Partner | None:
    if not user.is_authenticated or user.is_superuser:
        return None
    return Partner.objects.filter(group__user=user).first()


def partner_pack_ids(partner: Partner) -> set[str]:
    return set(InstalledPack.objects.filter(publisher=partner.publisher).values_list("pack_id", flat=True))


def restrict_to_partner(queryset, user):
    """``queryset`` of submissions or contacts, narrowed to the user's partner's if they are a partner."""
    partner = partner_of(user)
    if partner is None:
        return queryset
    if queryset.model is PackSubmission:
        return queryset.filter(publisher=partner.publisher)
    return queryset.filter(pack_id__in=partner_pack_ids(partner))


def may_touch(user, instance) -> bool:
    partner = partner_of(user)
    if partner is None or not isinstance(instance, PackSubmission | Contact):
        return True
    if isinstance(instance, PackSubmission):
        return instance.publisher == partner.publisher
    return instance.pack_id in partner_pack_ids(partner)


def grant_pack_pages(publisher: str, site, pack_id: str) -> None:
    """Let the publisher's partner edit the pages of its pack in ``site`` (every language), not publish them."""
    partner = Partner.objects.filter(publisher=publisher).first()
    installed = InstalledPack.objects.filter(site=site, pack_id=pack_id).first()
    if partner is None or installed is None:
        return
    # Permissions on the guide and course pages cover the sections and lessons under them.
    top_keys = [key for key, (kind, _) in installed.contents["units"].items() if kind in ("guide", "course")]
    pages = Page.objects.filter(translation_key__in=[translation_key(site, pack_id, key) for key in top_keys])
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PARTNER_PAGE_PERMISSIONS
    )
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=partner.group, page=page, permission=permission)
