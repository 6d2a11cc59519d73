"""The theme of the request being answered, for the template loader (``themes.loader``).

Template loaders are not given the request, so ``ThemeMiddleware`` keeps it in a context variable
for the duration of the request. The site's theme is looked up only when a template is first
loaded, so responses without templates (JSON answers, redirects) cost no query.
"""

from contextvars import ContextVar

from themes.registry import BASE_THEME, Theme, get_theme

_request: ContextVar = ContextVar("rahnuma_theme_request", default=None)


def current_theme() -> Theme:
    """The theme of the site answering the current request; the web theme outside a request."""
    request = _request.get()
    if request is None:
        return get_theme(BASE_THEME)
    theme = getattr(request, "_rahnuma_theme", None)
    if theme is None:
        from themes.models import ThemeSettings  # the app registry is ready by the first request

        theme = request._rahnuma_theme = get_theme(ThemeSettings.for_request(request).theme)
    return theme


class ThemeMiddleware:
    """Makes the request's theme available to the template loader. After SiteLookupMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
