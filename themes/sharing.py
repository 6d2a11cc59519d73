"""What a shared page looks like in WhatsApp or Facebook, and the links that share it.

A centre's outreach campaign points people at exact pages (a guide section, a lesson, a contact), so
each carries a WhatsApp link (https://wa.me/?text=..., a plain link: no script from elsewhere) and
Open Graph tags with a small preview picture: the page's first picture, else the site's share picture.
"""

from urllib.parse import quote

from django.utils.html import strip_tags

# WhatsApp and Facebook show 1.91:1 previews; small enough for a slow phone (and WhatsApp's 300 KB limit).
PREVIEW_RENDITION = "fill-600x314|format-jpeg|jpegquality-70"
DESCRIPTION_CHARACTERS = 200


def whatsapp_link(title: str, url: str) -> str:
    return "https://wa.me/?text=" + quote(f"{title}\n{url}", safe="")


def first_image(page):
    """The first picture in the page's body, if it has one."""
    for block in getattr(page, "body", None) or ():
        if block.block_type == "image" and block.value.get("image") is not None:
            return block.value["image"]
    return None


def page_description(page) -> str:
    """The search description, else the page's summary or introduction, as plain text of bounded length."""
    text = page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "") or ""
    text = " ".join(strip_tags(str(text)).split())
    return text if len(text) <= DESCRIPTION_CHARACTERS else text[: DESCRIPTION_CHARACTERS - 1].rstrip() + "…"
