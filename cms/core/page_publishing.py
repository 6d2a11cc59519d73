"""Adding a page to the tree and publishing it at once, for pages made by code (pack installs).

``parent.add_child(instance=page)`` followed by ``page.save_revision().publish()`` validates the
page three times and then, in Wagtail's publish action, reloads it from the revision and looks up
what a page that existed before can have: older revisions, scheduled publishing, a workflow in
progress, comments, aliases. A page created a moment earlier in the same transaction has none of
those, so ``create_published_page`` validates it once and records the publication directly: the
same page row, revision, log entries ("wagtail.create", "wagtail.publish") and signals
(page_published, published). tests/test_page_publishing.py compares the two ways.
"""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site
from wagtail.signals import page_published, published

# What Wagtail's publish action sets on the page, besides the content it saves.
_PUBLISHED_FIELDS = [
    "live",
    "has_unpublished_changes",
    "expired",
    "live_revision",
    "first_published_at",
    "last_published_at",
]


def create_published_page(parent, page, *, user=None):
    """Add the new ``page`` under ``parent``, live, with its first revision; return that revision.

    ``page`` must be new and must not be scheduled (``go_live_at`` in the future): those are
    published by Wagtail's own action. Raises ValidationError, and writes nothing, when the page is
    invalid, as publishing it would.
    """
    if page.pk is not None or (page.go_live_at and page.go_live_at > timezone.now()):
        raise ValueError("create_published_page only publishes new pages that are not scheduled")
    # Validated once, as a live page: add_child's save runs full_clean on live pages, which is the
    # check Wagtail's save_revision and publish would each repeat on the same content.
    page.live, page.has_unpublished_changes = True, False
    # Each of the three saves below asks whether the page is a site root (a translation of one is);
    # the answer cannot change meanwhile, so it is looked up once, the way Wagtail's
    # annotate_site_root_state hands it over.
    page._is_site_root = Site.objects.filter(root_page__translation_key=page.translation_key).exists()
    try:
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, clean=False, changed=False)
        page.expired = False
        page.live_revision = revision
        page.first_published_at = page.last_published_at = timezone.now()
        page.save(update_fields=_PUBLISHED_FIELDS, clean=False)
    finally:
        del page._is_site_root
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)
    log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True)
    return revision
