"""Which content is due for re-checking against its sources: never verified, or verified too long ago.

Guide sections, lessons and help contacts carry ``last_verified`` (from their pack, or set by an
editor). An item is *due* when it has no date, or when the date is more than
``settings.RAHNUMA_CONTENT_MAX_AGE_DAYS`` days (default 365) before today. The date is synchronised
across languages, so each item is listed once, in the default language where it has one.

Only what learners can see is listed (live pages, contacts shown in the directory). A partner's
users see only the items of their own packs (cms.partners.permissions); everyone else who may
review content sees every item::

    due = due_items(request.user, today=datetime.date(2026, 12, 3))
    count = due_count(request.user)
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.models import Locale

from cms.contacts.models import Contact
from cms.guides.models import GuideSectionPage
from cms.learning.models import LessonPage
from cms.packs.models import InstalledPack
from cms.partners.permissions import partner_of, partner_pack_ids

# The kinds of content that carry a last-verified date: name -> (label, model, which of them learners see).
KINDS = {
    "guide_section": (_("Guide section"), GuideSectionPage, Q(live=True)),
    "lesson": (_("Lesson"), LessonPage, Q(live=True)),
    "contact": (_("Contact"), Contact, Q(live=True)),
}


@dataclass
class DueItem:
    """One item to re-check, with what the report shows of it."""

    kind: str
    title: str
    pack_id: str
    publisher: str
    last_verified: datetime.date | None
    age_days: int | None  # days since last verified; None when never verified
    edit_url: str | None  # None when the user may not edit it
    language: str

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind][0])

    @property
    def last_verified_label(self) -> str:
        return self.last_verified.isoformat() if self.last_verified else str(_("Never"))


def max_age_days() -> int:
    return settings.RAHNUMA_CONTENT_MAX_AGE_DAYS


def may_review_content(user) -> bool:
    """Editors of content (any page permission, or editing contacts), partners' users included; superusers."""
    if not (user.is_active and user.has_perm("wagtailadmin.access_admin")):
        return False
    return user.is_superuser or user_has_any_page_permission(user) or user.has_perm("rahnuma_contacts.change_contact")


def due_items(user, *, today: datetime.date | None = None) -> list[DueItem]:
    """The items ``user`` may review that are due for re-checking on ``today``, never checked and oldest first."""
    today = today or timezone.localdate()
    publishers = dict(InstalledPack.objects.values_list("pack_id", "publisher"))
    urls = AdminURLFinder(user)
    items = [
        DueItem(
            kind=kind,
            title=getattr(item, "title", None) or str(item),
            pack_id=item.pack_id,
            publisher=publishers.get(item.pack_id, ""),
            last_verified=item.last_verified,
            age_days=(today - item.last_verified).days if item.last_verified else None,
            edit_url=urls.get_edit_url(item),
            language=item.locale.language_code,
        )
        for kind, item in _due_objects(user, today)
    ]
    return sorted(items, key=lambda item: (item.last_verified is not None, item.last_verified or today, item.title))


def due_count(user, *, today: datetime.date | None = None) -> int:
    """How many items ``due_items`` lists, without working out their links."""
    return len(_due_objects(user, today or timezone.localdate()))


def _due_objects(user, today: datetime.date) -> list[tuple[str, object]]:
    cutoff = today - datetime.timedelta(days=max_age_days())
    due = Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff)
    partner = partner_of(user)
    default_locale = Locale.get_default().pk
    found = []
    for kind, (_label, model, shown) in KINDS.items():
        objects = model.objects.filter(shown, due).select_related("locale")
        if partner is not None:
            objects = objects.filter(pack_id__in=partner_pack_ids(partner))
        if hasattr(model, "body"):
            objects = objects.defer("body")  # pages' bodies are large and not shown here
        found += [(kind, item) for item in _one_per_item(objects, default_locale)]
    return found


def _one_per_item(objects, default_locale: int):
    """Each item once: its copy in the default language, or the first copy there is."""
    chosen = {}
    for item in objects.order_by("pk"):
        kept = chosen.get(item.translation_key)
        if kept is None or (item.locale_id == default_locale and kept.locale_id != default_locale):
            chosen[item.translation_key] = item
    return chosen.values()
