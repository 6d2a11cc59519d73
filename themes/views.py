"""The site's colours as CSS custom properties: a stylesheet, since the CSP forbids inline styles."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from themes.models import ThemeSettings

# Linked with ?v=<the colours>, so a browser may keep it until the colours change.
CACHE_FOREVER = "public, max-age=31536000, immutable"


def colours_version(theme_settings: ThemeSettings) -> str:
    return f"{theme_settings.primary_colour}{theme_settings.accent_colour}".replace("#", "").lower()


@require_GET
def theme_colours(request):
    """``:root`` custom properties overriding the theme's default colours for this request's site."""
    theme_settings = ThemeSettings.for_request(request)
    css = f":root{{--accent:{theme_settings.primary_colour};--highlight:{theme_settings.accent_colour}}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    current = request.GET.get("v") == colours_version(theme_settings)
    response["Cache-Control"] = CACHE_FOREVER if current else "no-cache"
    return response
