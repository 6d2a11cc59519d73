"""Template tags shared by the themes."""

from django import template
from django.utils import translation
from wagtail.models import Locale, Site

from cms.locales import LANGUAGES

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link per language, in its own script, to this page's translation (or that language's home)."""
    page = context.get("page")
    request = context.get("request")
    current = translation.get_language()
    links = []
    for language in LANGUAGES:
        url = _translated_url(page, language.code, request)
        if url:
            links.append({"language": language, "url": url, "current": language.code == current})
    return {"links": links}


def _translated_url(page, code, request):
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        return None
    if page is not None:
        translated = page.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated.get_url(request)
    site = Site.find_for_request(request) if request else None
    if site is not None:
        home = site.root_page.get_translation_or_none(locale)
        if home is not None and home.live:
            return home.get_url(request)
    return None


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    """The site's top pages (guides, courses, contacts) in the current language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"home": None, "items": []}
    locale = Locale.get_active()
    home = site.root_page.get_translation_or_none(locale) or site.root_page
    current = context.get("page")
    items = [
        {
            "title": child.title,
            "url": child.get_url(request),
            "current": current is not None and current.path.startswith(child.path),
        }
        for child in home.get_children().live().in_menu()
    ]
    return {"home": home, "home_url": home.get_url(request), "items": items}
