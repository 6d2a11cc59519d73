"""Each site's look: its theme, the centre's name and logo, its colours and its default share picture.

Editors set these in the admin under Settings > Theme, per site, without any code. Colours must
meet WCAG AA against the white page and header text, so a centre cannot make its pages unreadable.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.core.content_memo import ContentMemo
from themes.contrast import NON_TEXT_CONTRAST, TEXT_CONTRAST, contrast_ratio
from themes.registry import BASE_THEME, get_theme, theme_choices

# The page background and the text on primary-coloured bars and buttons (themes/web/static/web/css/site.css).
SITE_THEMES = ContentMemo(maxsize=64)  # each site's saved settings, or None
PAGE_COLOUR = "#ffffff"
DEFAULT_PRIMARY = "#0b6e4f"
DEFAULT_ACCENT = "#b45309"

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter the colour as # and six hexadecimal digits, for example #0b6e4f.")
)


@register_setting(icon="view")
class ThemeSettings(BaseSiteSetting):
    theme = models.CharField(_("theme"), max_length=50, choices=theme_choices, default=BASE_THEME)
    centre_name = models.CharField(
        _("centre name"), max_length=80, blank=True, help_text=_("Shown in the header instead of “Rahnuma”.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default=DEFAULT_PRIMARY,
        validators=[hex_colour],
        help_text=_("Header, buttons and links; white text must be readable on it."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[hex_colour],
        help_text=_("Borders of tips and highlights; must stand out from the white page."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page without its own picture is shared (WhatsApp, Facebook)."),
    )

    panels = ["theme", "centre_name", "logo", "primary_colour", "accent_colour", "share_image"]

    class Meta:
        verbose_name = _("theme")

    @classmethod
    def for_request(cls, request):
        """The request's site's settings, never written on a page view, and kept by the process until
        content changes (saving them is one: see ThemesConfig.ready).

        Wagtail's own ``for_request`` creates the row on first use; a learner's GET should not write.
        """
        attribute = "_rahnuma_theme_settings"
        if not hasattr(request, attribute):
            from wagtail.models import Site

            site = Site.find_for_request(request)
            found = SITE_THEMES.get((site.pk,), lambda: cls.objects.filter(site=site).first()) if site else None
            setattr(request, attribute, found or cls(site=site))
        return getattr(request, attribute)

    @property
    def has_custom_colours(self) -> bool:
        return (self.primary_colour.lower(), self.accent_colour.lower()) != (DEFAULT_PRIMARY, DEFAULT_ACCENT)

    def clean(self):
        super().clean()
        self.primary_colour = self.primary_colour.lower()
        self.accent_colour = self.accent_colour.lower()
        errors = {}
        for field, needed in (("primary_colour", TEXT_CONTRAST), ("accent_colour", NON_TEXT_CONTRAST)):
            colour = getattr(self, field)
            if hex_colour.regex.match(colour) and contrast_ratio(colour, PAGE_COLOUR) < needed:
                errors[field] = _(
                    "Too light: its contrast with white is %(ratio).1f:1, and at least %(needed).1f:1 is needed."
                ) % {"ratio": contrast_ratio(colour, PAGE_COLOUR), "needed": needed}
        if get_theme(self.theme).shared_screen and self.site_id and not _is_kiosk_host(self.site.hostname):
            errors["theme"] = _(
                "%(host)s is not a kiosk host: add it to RAHNUMA_KIOSK_HOSTS so that shared screens clear themselves."
            ) % {"host": self.site.hostname}
        if errors:
            raise ValidationError(errors)


def _is_kiosk_host(hostname: str) -> bool:
    return hostname.lower() in {host.lower() for host in settings.RAHNUMA_KIOSK_HOSTS}
