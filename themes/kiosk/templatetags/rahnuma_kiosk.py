"""Template tags of the kiosk theme: the language buttons, flags, and links kept inside the site."""

import re

from django import template
from django.template.loader import select_template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from cms.locales import LANGUAGES

register = template.Library()

# A link with a scheme (https:, mailto:, tel:, ...) or to another host (//example.org) leaves the kiosk.
_OUTSIDE_LINK = re.compile(r'<a\b[^>]*\bhref="(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)[^"]*"[^>]*>(.*?)</a>', re.DOTALL)


@register.simple_tag
def kiosk_languages() -> list[dict]:
    """A button per language, in its own script, to the destination screen in that language."""
    choices = []
    for language in LANGUAGES:
        with translation.override(language.code):
            url = reverse("kiosk:destination")
        choices.append({"language": language, "url": url, "dir": "rtl" if language.bidi else "ltr"})
    return choices


@register.simple_tag
def kiosk_flag(code: str) -> str:
    """The country's flag as inline SVG (decorative: the country's name is written beside it)."""
    code = code.upper() if re.fullmatch(r"[A-Za-z]{2}", code or "") else ""
    names = [f"themes/kiosk/flags/{code}.svg"] if code else []
    return select_template([*names, "themes/kiosk/flags/unknown.svg"]).render({"code": code})


@register.filter
def inside_the_site(html) -> str:
    """Rendered rich text with every link that would leave the kiosk turned into its plain text."""
    return mark_safe(_OUTSIDE_LINK.sub(r'<span class="offsite-link">\1</span>', str(html)))
