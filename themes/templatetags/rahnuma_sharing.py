"""Template tags for sharing pages (themes.sharing): Open Graph tags and the share links."""

from django import template
from django.utils.translation import get_language, to_locale

from themes.models import ThemeSettings
from themes.sharing import PREVIEW_RENDITION, first_image, page_description, whatsapp_link

register = template.Library()


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph_tags(context):
    """og:title, og:description, og:url, og:image (a small rendition) for the page being shown."""
    request, page = context.get("request"), context.get("page")
    if request is None or page is None or not hasattr(page, "get_url"):
        return {}
    image = first_image(page) or ThemeSettings.for_request(request).share_image
    rendition = image.get_rendition(PREVIEW_RENDITION) if image else None
    return {
        "title": page.seo_title or page.title,
        "description": page_description(page),
        "url": request.build_absolute_uri(page.get_url(request)),
        "locale": to_locale(get_language() or "en"),
        "image": rendition,
        "image_url": request.build_absolute_uri(rendition.url) if rendition else "",
    }


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_links(context, title, *fragment_parts):
    """WhatsApp and copy-link buttons for this page, or for one item on it: ``{% share_links title "contact" key %}``
    shares ``#contact-<key>``."""
    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return {}
    fragment = "-".join(str(part) for part in fragment_parts)
    url = request.build_absolute_uri(page.get_url(request)) + (f"#{fragment}" if fragment else "")
    return {"url": url, "title": title, "whatsapp": whatsapp_link(str(title), url)}
