"""Which pages may carry view restrictions, kept by each process until the content changes.

Before serving a page, Wagtail asks for its view restrictions (its ``on_serve_page`` hook): two
queries on every view, one for the page's ancestors and one for the restrictions on them. Almost
no page has any, and restrictions change only when one is saved or deleted, which moves the
content generation on (cms.core.page_cache). So each process keeps the paths of the pages that
carry a restriction (or are aliases of one that does) and answers the question for every other
page without a query; for a page at or below one of those paths Wagtail's own answer is read.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from cms.core.content_memo import ContentMemo

_RESTRICTED_PATHS = ContentMemo(maxsize=1)


def _read_restricted_paths() -> frozenset[str]:
    # An alias counts as its source page (Wagtail resolves aliases before looking for restrictions).
    restricted = PageViewRestriction.objects.values("page_id")
    pages = Page.objects.filter(Q(pk__in=restricted) | Q(alias_of__in=restricted))
    return frozenset(pages.values_list("path", flat=True))


def may_be_restricted(page: Page) -> bool:
    """Whether a view restriction on ``page`` or one of its ancestors may apply to it."""
    restricted = _RESTRICTED_PATHS.get((), _read_restricted_paths)
    return any(page.path[:end] in restricted for end in range(Page.steplen, len(page.path) + 1, Page.steplen))


class KnownViewRestrictionsMixin:
    """For Page models: ``get_view_restrictions()`` without a query for a page no restriction covers."""

    def get_view_restrictions(self):
        if may_be_restricted(self):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
