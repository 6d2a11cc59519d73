"""The H5P content origin: a separate host name that serves only the player and the content.

H5P content runs its packages' JavaScript, which is cross-site scripting by design, so it plays
from its own origin (settings.H5P_ORIGIN, e.g. http://h5p.localhost:8000) inside a sandboxed
iframe: its script can reach neither the site's pages nor its cookies. ``H5POriginMiddleware``
comes right after Django's SecurityMiddleware and answers every request to that host itself,
from ``cms.h5p.origin_urls`` only, so no session, CSRF, authentication, site or page-cache
middleware runs there: no cookie is read (they are dropped) and none is set (any is removed).
Responses are compressed (GZipMiddleware's rules) and carry the origin's own strict CSP.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseNotFound
from django.middleware.gzip import GZipMiddleware
from django.urls import Resolver404, get_resolver

from cms.core.security_headers import HEADER, policy_header

# The CSP of everything the H5P origin serves; pages that frame-embed set frame-ancestors themselves.
H5P_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}


def is_h5p_host(request) -> bool:
    """Whether ``request`` came to the H5P origin's host (and port)."""
    return request.get_host().lower() == urlsplit(settings.H5P_ORIGIN).netloc.lower()


class H5POriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.serve_compressed = GZipMiddleware(self.serve)

    def __call__(self, request):
        if not is_h5p_host(request):
            return self.get_response(request)
        request.COOKIES = {}  # whatever a browser sends here is not ours to read
        response = self.serve_compressed(request)
        response.cookies.clear()
        if HEADER not in response:
            response[HEADER] = policy_header(H5P_CSP)
        return response

    def serve(self, request):
        # A plain 404: the site's 404 page would need the session and site this origin does not have.
        try:
            match = get_resolver("cms.h5p.origin_urls").resolve(request.path_info)
            return match.func(request, *match.args, **match.kwargs)
        except (Resolver404, Http404):
            return HttpResponseNotFound("Not found", content_type="text/plain")
