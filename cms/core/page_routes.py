"""Which page a public URL serves, and the page itself, kept by each process until the content changes.

Wagtail finds the page of /en/countries/saudi-arabia/costs/ by walking the tree from the site's
home, a query and a page object per level, then loads the page itself: more than half of what an
uncached page view costs the database. The answer changes only when pages are published,
unpublished or moved, which move the content generation on (cms.core.content_memo), so
``PageRouteMiddleware`` keeps it per site, language and path and, for a path seen before, hands
Wagtail's serve view the page.

The page objects are kept too, the ``PAGES_KEPT`` most recently viewed: loading a page and parsing
its body again took a quarter of an uncached lesson view, and a page's live content, too, changes
only by publishing. Each is some 35 KB once its body is parsed. They are shared by the process's
threads and requests, so serving a page must never change it, nor keep anything about a visitor on
it (views keep that on the request or in the context).

Only plain routes are kept: a page served as itself, with no arguments, at its own URL. A page
that routes sub-paths itself (a RoutablePageMixin page, say) is walked by Wagtail every time.
"""

from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from cms.core.content_memo import ContentMemo

ROUTES = ContentMemo(maxsize=4096)
PAGES_KEPT = 128
_PAGES = ContentMemo(maxsize=PAGES_KEPT)


class PageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve:
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        # wagtail.urls passes the page path as the view's one positional argument.
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        route = ROUTES.get((site.pk, translation.get_language(), path), lambda: _plain_route(request, path))
        # Without a route kept from before, Wagtail has just routed this request (in _plain_route).
        if route is not None and not hasattr(request, "_wagtail_route_for_request"):
            model, page_id = route
            page = _PAGES.get((page_id,), lambda: model.objects.filter(pk=page_id).first())
            if page is not None:
                # Where Wagtail's Page.route_for_request looks first.
                request._wagtail_route_for_request = RouteResult(page)
        return None


def _plain_route(request, path: str) -> tuple[type[Page], int] | None:
    """Wagtail's route for ``path``, as (page model, page id) if it is a plain one, else None."""
    result = Page.route_for_request(request, path)
    if result is None or result.args or result.kwargs:
        return None
    page = result.page
    # The page at the end of the path, not an ancestor answering for a path below it.
    last_component = path.rstrip("/").rsplit("/", 1)[-1]
    if last_component and last_component != page.slug:
        return None
    return type(page), page.pk
