"""Keeping SearchDocument rows in step with the live content.

One row per live guide, guide section, course, lesson and contact, per language. ``sync_pages`` and
``sync_contacts`` bring some objects' rows up to date (create, update, or delete them when an object
is no longer live or searchable); ``rebuild_documents`` does every object at once. search.signals
calls the first two on publish, unpublish and contact saves, through search.tasks, so a pack install
syncs its objects together at its end (cms.packs.indexing).
"""

from django.contrib.contenttypes.models import ContentType as DjangoContentType
from django.db import transaction
from django.utils import translation
from wagtail.models import Page

from cms.contacts.models import Contact
from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.learning.blocks import QUIZ_BLOCK
from cms.learning.models import CoursePage, LessonPage
from cms.packs.models import InstalledPack
from search.models import ContentType, SearchDocument

PAGE_CONTENT_TYPES = {
    CountryGuidePage: ContentType.GUIDE,
    GuideSectionPage: ContentType.GUIDE_SECTION,
    CoursePage: ContentType.COURSE,
    LessonPage: ContentType.LESSON,
}
BATCH_SIZE = 500  # ids per query: well under every database's limit on query parameters


def page_doc_id(page_id) -> str:
    return f"page-{page_id}"


def contact_doc_id(contact_id) -> str:
    return f"contact-{contact_id}"


def stream_text(stream) -> str:
    """The searchable text of a StreamField value, one line per block, without quizzes."""
    lines = []
    for child in stream:
        if child.block_type == QUIZ_BLOCK:
            continue
        lines.extend(text for text in child.block.get_searchable_content(child.value) if text)
    return "\n".join(lines)


class _Publishers:
    """The publisher of each installed pack, looked up once per pack and site."""

    def __init__(self):
        self.known = {}

    def __call__(self, pack_id: str, site_id: int | None) -> str:
        if not pack_id:
            return ""
        key = (pack_id, site_id)
        if key not in self.known:
            installs = InstalledPack.objects.filter(pack_id=pack_id)
            if site_id is not None:
                installs = installs.filter(site_id=site_id)
            self.known[key] = installs.values_list("publisher", flat=True).first() or ""
        return self.known[key]


def page_fields(page, publishers=None, parents=None) -> dict | None:
    """The document of a specific page, or None when the page is not something search shows.

    ``parents`` maps a page's parent path to the specific parent, when a batch looked them up at once.
    """
    content_type = PAGE_CONTENT_TYPES.get(type(page))
    if content_type is None or not page.live:
        return None
    # Page.get_site's routing, without loading the Site: only its id is kept.
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    site_id = url_parts[0]
    publishers = publishers or _Publishers()
    if content_type in (ContentType.GUIDE_SECTION, ContentType.LESSON):
        parent = parents[_parent_path(page)] if parents else page.get_parent().specific
        country = getattr(parent, "country", "")
        body = stream_text(page.body)
    else:
        country = page.country
        body = ""
    return {
        "page_id": page.pk,
        "contact_id": None,
        "site_id": site_id,
        "language": page.locale.language_code,
        "content_type": content_type,
        "country": country or "",
        "publisher": publishers(page.pack_id, site_id),
        "pack_id": page.pack_id,
        "item_key": page.pack_key,
        "title": page.title,
        "summary": page.summary,
        "body": body,
    }


def _parent_path(page) -> str:
    return page.path[: -page.steplen]


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
        "publisher": publishers(contact.pack_id, contact.site_id),
        "pack_id": contact.pack_id,
        "item_key": contact.pack_key,
        "title": contact.organisation,
        "summary": contact.description,
        "body": "\n".join(detail for detail in details if detail),
    }


def _save_all(wanted: dict[str, dict | None]):
    """Make the documents ``wanted`` (doc id -> fields) exist as given, deleting those mapped to None.

    Each row is saved or deleted on its own (not in bulk) so that its signals reach the Elasticsearch
    index and the search index; rows already as wanted are left alone.
    """
    existing = {}
    doc_ids = list(wanted)
    for start in range(0, len(doc_ids), BATCH_SIZE):
        for document in SearchDocument.objects.filter(doc_id__in=doc_ids[start : start + BATCH_SIZE]):
            existing[document.doc_id] = document
    for doc_id, fields in wanted.items():
        document = existing.get(doc_id)
        if fields is None:
            if document is not None:
                document.delete()
            continue
        if document is None:
            document = SearchDocument(doc_id=doc_id)
        changed = document.pk is None
        for name, value in fields.items():
            if getattr(document, name) != value:
                setattr(document, name, value)
                changed = True
        if changed:
            document.save()


def _specific_pages(page_ids) -> dict:
    """The specific pages ``page_ids`` by id, with their locales: one query per page type."""
    by_type = {}
    for pk, content_type_id in Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type_id"):
        by_type.setdefault(content_type_id, []).append(pk)
    pages = {}
    for content_type_id, pks in by_type.items():
        model = DjangoContentType.objects.get_for_id(content_type_id).model_class() or Page
        pages.update(model.objects.filter(pk__in=pks).select_related("locale").in_bulk())
    return pages


def _parents_of(pages) -> dict:
    """The specific parents of ``pages`` by path, in one query per parent type."""
    paths = {_parent_path(page) for page in pages if not page.is_root()}
    return {parent.path: parent for parent in Page.objects.filter(path__in=paths).specific()}


def sync_pages(page_ids):
    """Create, update or delete the search documents of these pages (any language copies)."""
    page_ids = list(dict.fromkeys(page_ids))
    wanted = {}
    publishers = _Publishers()
    for start in range(0, len(page_ids), BATCH_SIZE):
        chunk = page_ids[start : start + BATCH_SIZE]
        pages = _specific_pages(chunk)
        parents = _parents_of(pages.values())
        for pk in chunk:
            page = pages.get(pk)
            wanted[page_doc_id(pk)] = page_fields(page, publishers, parents) if page else None
    _save_all(wanted)


def sync_contacts(contact_ids):
    """Create, update or delete the search documents of these contacts."""
    contact_ids = list(dict.fromkeys(contact_ids))
    contacts = Contact.objects.filter(pk__in=contact_ids).select_related("locale").in_bulk()
    publishers = _Publishers()
    _save_all(
        {contact_doc_id(pk): contact_fields(contacts[pk], publishers) if pk in contacts else None for pk in contact_ids}
    )


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
    for contact in Contact.objects.filter(live=True).select_related("locale"):
        wanted[contact_doc_id(contact.pk)] = contact_fields(contact, publishers)
    # Compared here, not in SQL: a list of every wanted id could pass SQLite's limit on query parameters.
    unwanted = set(SearchDocument.objects.values_list("doc_id", flat=True)) - wanted.keys()
    _save_all({**dict.fromkeys(sorted(unwanted)), **wanted})
    return len(wanted)
