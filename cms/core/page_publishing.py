"""Publishing pages made or changed by code (pack installs) without Wagtail's repeated work.

``parent.add_child(instance=page)`` followed by ``page.save_revision().publish()`` validates the
page three times and then, in Wagtail's publish action, reloads it from the revision and looks up
what a page that existed before can have: older revisions, scheduled publishing, a workflow in
progress, comments, aliases. A page created a moment earlier in the same transaction has none of
those, so ``create_published_page`` places it in the tree, validates it once, saves it with its
first revision and records the publication directly: the same page row, revision, log entries
("wagtail.create", "wagtail.publish") and signals (page_published, published), in less than
half the queries. tests/test_page_publishing.py compares the two ways.

``publish_saved_revision`` publishes a revision of a page whose content was saved just before,
the way wagtail-localize's save_target leaves a translated page: Wagtail's action would load the
same content back from the revision, validate it again and save it again. Where the page has
something only that action looks after (a schedule, a workflow, comments, aliases), or a user's
permission has to be checked, the action publishes it. tests/test_translated_pages.py compares
the result with wagtail-localize's.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageLogEntry, Revision, Site
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
# What save_revision sets on the page.
_REVISION_FIELDS = ["latest_revision", "latest_revision_created_at", "draft_title"]
# Wagtail's own foreign keys on a page. Code sets them from rows it has just read or written, and
# the database checks them; validating them would cost a query each.
_PAGE_FOREIGN_KEYS = [field.name for field in Page._meta.concrete_fields if field.many_to_one]


@transaction.atomic
def create_published_page(parent, page, *, user=None):
    """Add the new ``page`` under ``parent``, live, with its first revision; return that revision.

    ``parent`` must have been read in this transaction: its path places the page. ``page`` must be
    new and must not be scheduled (``go_live_at`` in the future): those are published by Wagtail's
    own action. Raises ValidationError, and writes nothing, when the page is invalid, as
    publishing it would. A page that breaks a unique constraint (its path, or its translation key
    and locale) raises the database's IntegrityError instead: only code sets those, never an editor.
    """
    if page.pk is not None or (page.go_live_at and page.go_live_at > timezone.now()):
        raise ValueError("create_published_page only publishes new pages that are not scheduled")
    page.live, page.has_unpublished_changes = True, False
    # Both saves below ask whether the page is a site root (a translation of one is); the answer
    # cannot change meanwhile, so it is looked up once, the way Wagtail's annotate_site_root_state
    # hands it over.
    page._is_site_root = Site.objects.filter(root_page__translation_key=page.translation_key).exists()
    try:
        _place_in_tree(parent, page)
        # Validated once, as a live page, which is the check add_child's save, save_revision and
        # publish would each repeat on the same content. The slug's uniqueness among its siblings
        # is checked here (Page.clean); the unique columns are the database's to check.
        page.full_clean(exclude=_PAGE_FOREIGN_KEYS, validate_unique=False)
        page.save(clean=False, log_action=None)
        parent.numchild += 1  # as add_child leaves it, once the page is in
        # Logged as add_child's save logs it: by the page's owner, or the user of the action in progress.
        created = _log_entry(page, "wagtail.create", page.owner, content_changed=True)
        revision = _save_first_revision(page, user)
        _record_publication(page, revision, user, also_saving=_REVISION_FIELDS, logged_before=[created])
    finally:
        del page._is_site_root
    return revision


def _place_in_tree(parent, page):
    """Give ``page`` the place after ``parent``'s last child, as treebeard's add_child does."""
    # The update comes first because it locks the parent's row until the transaction ends (on
    # PostgreSQL), which is what add_child's SELECT ... FOR UPDATE is for: no other transaction
    # can read the same last child and take the same place.
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    last_path = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    page.depth = parent.depth + 1
    page.path = Page(path=last_path)._inc_path() if last_path else Page._get_path(parent.path, page.depth, 1)
    page._cached_parent_obj = parent


def _save_first_revision(page, user):
    """``page.save_revision(user=user, clean=False, changed=False)`` for a page just created, which
    has no comments to save first; the page's row is updated with the publication."""
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.draft_title = page.title
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


def _record_publication(page, revision, user, *, also_saving=(), logged_before=()):
    """Make the ``page``'s latest ``revision`` live, as Wagtail's publish action does once it saved the content.

    ``also_saving`` names fields set on ``page`` before, saved in the same update;
    ``logged_before`` are log entries of earlier steps, written with the publication's.
    """
    page.live, page.has_unpublished_changes, page.expired = True, False, False
    page.live_revision = revision
    page.last_published_at = timezone.now()
    if page.first_published_at is None:
        page.first_published_at = page.last_published_at
    page.save(update_fields=[*also_saving, *_PUBLISHED_FIELDS], clean=False)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)
    publication = _log_entry(page, "wagtail.publish", user, revision=revision, content_changed=True)
    PageLogEntry.objects.bulk_create([*logged_before, publication])


def _log_entry(page, action, user, **fields):
    """The entry ``wagtail.log_actions.log(instance=page, action=action, user=user, **fields)`` writes,
    not yet saved. log validates each entry on saving, a query per foreign key: here the page and
    revision were written in this transaction, and the action is one of Wagtail's own."""
    context = get_active_log_context()
    return PageLogEntry(
        page=page,
        content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
        label=PageLogEntry.objects.get_instance_title(page),
        action=action,
        timestamp=timezone.now(),
        data={},
        user=user or context.user,
        uuid=context.uuid,
        **fields,
    )
