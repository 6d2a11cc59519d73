"""Template tags for the theme of the current site: its stylesheets, colours and branding."""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html_join

from themes.current import current_theme
from themes.models import ThemeSettings
from themes.views import colours_version

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_stylesheets(context):
    """The theme's stylesheets, then the site's own colours when an editor changed them."""
    urls = [static(path) for path in current_theme().stylesheets]
    request = _request(context)
    if request is not None:
        theme_settings = ThemeSettings.for_request(request)
        if theme_settings.has_custom_colours:
            urls.append(f"{reverse('theme-colours')}?v={colours_version(theme_settings)}")
    return format_html_join("\n    ", '<link rel="stylesheet" href="{}">', ((url,) for url in urls))


@register.simple_tag(takes_context=True)
def theme_settings(context) -> ThemeSettings | None:
    """This site's theme settings (centre name, logo, share picture), for the header and share tags."""
    request = _request(context)
    return ThemeSettings.for_request(request) if request is not None else None


def _request(context):
    """The request, also inside inclusion tags, whose context keeps it only as an attribute."""
    return getattr(context, "request", None) or context.get("request")
