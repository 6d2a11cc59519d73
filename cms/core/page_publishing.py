"""Publishing pages made or changed by code (pack installs) without Wagtail's repeated work.

``parent.add_child(instance=page)`` followed by ``page.save_revision().publish()`` validates the
page three times and then, in Wagtail's publish action, reloads it from the revision and looks up
what a page that existed before can have: older revisions, scheduled publishing, a workflow in
progress, comments, aliases. A page created a moment earlier in the same transaction has none of
those, so ``create_published_page`` validates it once and records the publication directly: the
same page row, revision, log entries ("wagtail.create", "wagtail.publish") and signals
(page_published, published). tests/test_page_publishing.py compares the two ways.

``publish_saved_revision`` publishes a revision of a page whose content was saved just before,
the way wagtail-localize's save_target leaves a translated page: Wagtail's action would load the
same content back from the revision, validate it again and save it again. Where the page has
something only that action looks after (a schedule, a workflow, comments, aliases), or a user's
permission has to be checked, the action publishes it. tests/test_translated_pages.py compares
the result with wagtail-localize's.
"""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import COMMENTS_RELATION_NAME, Site
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
        _record_publication(page, revision, user)
    finally:
        del page._is_site_root
    return revision


def publish_saved_revision(page, revision, *, user=None):
    """Publish ``revision``, made by ``page.save_revision()`` right after the page's content was saved.

    The same as ``revision.publish(user=user)``. ``page`` is the specific page the revision was
    made from, loaded in this transaction and saved: Wagtail's action would load it back (the row
    for its place in the tree, the revision for its content) and find what ``page`` holds, content
    that save_revision validated. It would log a rename if the title differed from the page row's,
    which it cannot here.
    """
    # A user's permission to publish is checked by Wagtail's action.
    if user is not None or _needs_publish_action(page):
        revision.publish(user=user)
        return
    # Publishing now replaces any publication scheduled for an older revision.
    page.revisions.update(approved_go_live_at=None)
    _record_publication(page, revision, user)


def _needs_publish_action(page) -> bool:
    """Whether ``page`` has what only Wagtail's publish action looks after: a go-live time still to
    come, a workflow in progress (cancelled on publishing), comments (their positions are saved
    again) or aliases (republished with the page)."""
    if page.go_live_at and page.go_live_at > timezone.now():
        return True
    comments = getattr(page, COMMENTS_RELATION_NAME)
    return page.aliases.exists() or comments.exists() or page.current_workflow_state is not None


def _record_publication(page, revision, user):
    """Make the ``page``'s latest ``revision`` live, as Wagtail's publish action does once it saved the content."""
    page.live, page.has_unpublished_changes, page.expired = True, False, False
    page.live_revision = revision
    page.last_published_at = timezone.now()
    if page.first_published_at is None:
        page.first_published_at = page.last_published_at
    page.save(update_fields=_PUBLISHED_FIELDS, clean=False)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)
    log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True)
