"""A page's parent, live siblings and live children, kept by each process until the content changes.

The home page shows its sections, a guide section lists its guide's sections, a lesson links the
lessons before and after it, and both name their parent in a breadcrumb: queries on every view whose
answers change only when pages are published, unpublished or moved, which move the content
generation on (cms.core.content_memo). The pages kept are shared by the process's threads: read
them, never change them.
"""

from wagtail.models import Page

from cms.core.content_memo import ContentMemo

_PARENTS = ContentMemo(maxsize=1024)
_SIBLINGS = ContentMemo(maxsize=1024)
_CHILDREN = ContentMemo(maxsize=64)


def _parent_path(page: Page) -> str:
    return page.path[: -Page.steplen]


def parent_of(page: Page) -> Page:
    return _PARENTS.get((_parent_path(page),), page.get_parent)


def live_siblings(page: Page, page_type: type[Page]) -> tuple[Page, ...]:
    """The live pages of ``page_type`` under ``page``'s parent (``page`` too, if it is live), in tree order,
    as plain Page objects: a title and a URL is all they are shown for."""
    return _SIBLINGS.get(
        (_parent_path(page), page_type._meta.label),
        lambda: tuple(Page.objects.sibling_of(page).live().type(page_type)),
    )


def live_children(page: Page) -> tuple[Page, ...]:
    """The live pages under ``page``, each as its own model (a query per model the first time), in tree order."""
    return _CHILDREN.get((page.path,), lambda: tuple(page.get_children().live().specific()))
