"""Template tags shared by the themes."""

from django import template
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.locales import LANGUAGES

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link per language, in its own script, to this page's translation (or that language's home)."""
    request = context.get("request")
    targets = _live_versions(context.get("page"))
    if len(targets) < len(LANGUAGES):
        site = Site.find_for_request(request) if request else None
        targets = {**_live_versions(site.root_page if site else None), **targets}
    current = translation.get_language()
    return {
        "links": [
            {"language": language, "url": targets[language.code].get_url(request), "current": language.code == current}
            for language in LANGUAGES
            if language.code in targets
        ]
    }


def _live_versions(page) -> dict[str, Page]:
    """Every live language version of ``page`` by language code, in one query."""
    if page is None:
        return {}
    versions = Page.objects.filter(translation_key=page.translation_key, live=True).select_related("locale")
    return {version.locale.language_code: version for version in versions}


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
