"""Template tags shared by the themes.

Every page shows the main navigation and the language switcher; both are read from the page tree
once per site and language and kept until the content changes (cms.core.content_memo), so an
uncached page view does not repeat their queries.
"""

from django import template
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.core.content_memo import ContentMemo
from cms.locales import LANGUAGES

register = template.Library()

NAVIGATION = ContentMemo(maxsize=64)  # per site and language
LANGUAGE_LINKS = ContentMemo(maxsize=2048)  # per page (all its language versions) and site


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link per language, in its own script, to this page's translation (or that language's home)."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request else None
    translation_key = getattr(page, "translation_key", None)
    current = translation.get_language()
    urls = LANGUAGE_LINKS.get(
        (translation_key, site.pk if site else None, current), lambda: _language_urls(request, page, site)
    )
    return {
        "links": [
            {"language": language, "url": urls[language.code], "current": language.code == current}
            for language in LANGUAGES
            if language.code in urls
        ]
    }


def _language_urls(request, page, site) -> dict[str, str]:
    """The URL of each live language version of ``page``, or of the site's home in that language."""
    targets = _live_versions(page)
    if len(targets) < len(LANGUAGES):
        targets = {**_live_versions(site.root_page if site else None), **targets}
    return {code: version.get_url(request) for code, version in targets.items()}


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
    home, home_url, top_pages = NAVIGATION.get((site.pk, translation.get_language()), lambda: _top_pages(request, site))
    current = context.get("page")
    items = [
        {"title": title, "url": url, "current": current is not None and current.path.startswith(path)}
        for title, url, path in top_pages
    ]
    return {"home": home, "home_url": home_url, "items": items}


def _top_pages(request, site) -> tuple[Page, str, tuple[tuple[str, str, str], ...]]:
    """The site's home in the active language, its URL, and the title, URL and tree path of each menu page."""
    home = site.root_page.get_translation_or_none(Locale.get_active()) or site.root_page
    children = home.get_children().live().in_menu()
    return home, home.get_url(request), tuple((child.title, child.get_url(request), child.path) for child in children)
