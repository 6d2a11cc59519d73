"""The Content-Security-Policy header: a strict policy for the site, a looser one for the Wagtail admin.

Django sets the other security headers itself (settings.base: nosniff, referrer policy,
X-Frame-Options; HSTS in production). The site's policy (settings.RAHNUMA_CSP) allows only the
site's own scripts, styles, fonts and images, so a script that slipped into content could not run;
the admin (paths in RAHNUMA_ADMIN_CSP_PATHS) gets RAHNUMA_ADMIN_CSP, because Wagtail's admin has
inline scripts and styles and frames its own previews. A view that set its own policy keeps it.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"


def policy_header(directives: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"], ...}`` as the header's value: ``default-src 'self'; ...``."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Settings are read per response, not here, so that tests can override them.

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            admin = any(request.path.startswith(prefix) for prefix in settings.RAHNUMA_ADMIN_CSP_PATHS)
            response[HEADER] = policy_header(settings.RAHNUMA_ADMIN_CSP if admin else settings.RAHNUMA_CSP)
        return response
