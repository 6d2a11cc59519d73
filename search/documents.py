"""Keeping SearchDocument rows in step with the live content.

One row per live guide, guide section, course, lesson and contact, per language. ``sync_page`` and
``sync_contact`` bring one object's row up to date (create, update, or delete it when the object is
no longer live or searchable); ``rebuild_documents`` does every object at once. search.signals calls
the first two on publish, unpublish and contact saves, through search.tasks, so a pack install
syncs each object once at its end (cms.packs.indexing).
"""

from django.db import transaction
from django.utils import translation
from wagtail.models import Page, Site

from cms.contacts.models import Contact
from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.learning.models import CoursePage, LessonPage
from cms.packs.models import InstalledPack
from search.models import ContentType, SearchDocument

PAGE_CONTENT_TYPES = {
    CountryGuidePage: ContentType.GUIDE,
    GuideSectionPage: ContentType.GUIDE_SECTION,
    CoursePage: ContentType.COURSE,
    LessonPage: ContentType.LESSON,
}
# Lesson bodies end with their quiz, whose answers must not show up in search snippets.
UNSEARCHED_BLOCKS = {"quiz"}


def page_doc_id(page_id) -> str:
    return f"page-{page_id}"


def contact_doc_id(contact_id) -> str:
    return f"contact-{contact_id}"


def stream_text(stream) -> str:
    """The searchable text of a StreamField value, one line per block, without quizzes."""
    lines = []
    for child in stream:
        if child.block_type in UNSEARCHED_BLOCKS:
            continue
        lines.extend(text for text in child.block.get_searchable_content(child.value) if text)
    return "\n".join(lines)


class _Publishers:
    """The publisher of each installed pack, looked up once per pack and site."""

    def __init__(self):
        self.known = {}

    def __call__(self, pack_id: str, site: Site | None) -> str:
        if not pack_id:
            return ""
        key = (pack_id, site.pk if site else None)
        if key not in self.known:
            installs = InstalledPack.objects.filter(pack_id=pack_id)
            if site is not None:
                installs = installs.filter(site=site)
            self.known[key] = installs.values_list("publisher", flat=True).first() or ""
        return self.known[key]


def page_fields(page, publishers=None) -> dict | None:
    """The document of a specific page, or None when the page is not something search shows."""
    content_type = PAGE_CONTENT_TYPES.get(type(page))
    if content_type is None or not page.live:
        return None
    site = page.get_site()
    if site is None:
        return None
    publishers = publishers or _Publishers()
    if content_type in (ContentType.GUIDE_SECTION, ContentType.LESSON):
        parent = page.get_parent().specific
        country = getattr(parent, "country", "")
        body = stream_text(page.body)
    else:
        country = page.country
        body = ""
    return {
        "page_id": page.pk,
        "contact_id": None,
        "site_id": site.pk,
        "language": page.locale.language_code,
        "content_type": content_type,
        "country": country or "",
        "publisher": publishers(page.pack_id, site),
        "pack_id": page.pack_id,
        "item_key": page.pack_key,
        "title": page.title,
        "summary": page.summary,
        "body": body,
    }


def contact_fields(contact: Contact, publishers=None) -> dict | None:
    if not contact.live:
        return None
    publishers = publishers or _Publishers()
    language = contact.locale.language_code
    with translation.override(language):
        kind = str(contact.get_kind_display())
    details = [kind, contact.city, contact.address, contact.hours, *contact.phone_numbers, contact.whatsapp]
    return {
        "page_id": None,
        "contact_id": contact.pk,
        "site_id": contact.site_id,
        "language": language,
        "content_type": ContentType.CONTACT,
        "country": contact.country,
        "publisher": publishers(contact.pack_id, contact.site),
        "pack_id": contact.pack_id,
        "item_key": contact.pack_key,
        "title": contact.organisation,
        "summary": contact.description,
        "body": "\n".join(detail for detail in details if detail),
    }


def _save(doc_id: str, fields: dict | None):
    if fields is None:
        # Deleted one by one so that each deletion's signal reaches the Elasticsearch index.
        for document in SearchDocument.objects.filter(doc_id=doc_id):
            document.delete()
        return
    document = SearchDocument.objects.filter(doc_id=doc_id).first() or SearchDocument(doc_id=doc_id)
    changed = document.pk is None
    for name, value in fields.items():
        if getattr(document, name) != value:
            setattr(document, name, value)
            changed = True
    if changed:
        document.save()


def sync_page(page_id: int):
    """Create, update or delete the search document of one page (any language copy)."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    _save(page_doc_id(page_id), page_fields(page.specific) if page else None)


def sync_contact(contact_id: int):
    contact = Contact.objects.filter(pk=contact_id).select_related("locale", "site").first()
    _save(contact_doc_id(contact_id), contact_fields(contact) if contact else None)


@transaction.atomic
def rebuild_documents() -> int:
    """Bring every search document up to date and delete the ones nothing live needs; returns how many there are."""
    publishers = _Publishers()
    wanted = {}
    for model in PAGE_CONTENT_TYPES:
        for page in model.objects.live().select_related("locale"):
            fields = page_fields(page, publishers)
            if fields:
                wanted[page_doc_id(page.pk)] = fields
    for contact in Contact.objects.filter(live=True).select_related("locale", "site"):
        wanted[contact_doc_id(contact.pk)] = contact_fields(contact, publishers)
    for document in SearchDocument.objects.all():
        if document.doc_id not in wanted:
            document.delete()
    for doc_id, fields in wanted.items():
        _save(doc_id, fields)
    return len(wanted)
