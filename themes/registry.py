"""The themes a site may choose from.

Themes register themselves from their app's ``ready()``, so a plugin (an ordinary Django app) adds
one the same way::

    from django.utils.translation import gettext_lazy as _
    from themes.registry import Theme, register_theme

    class MyThemePlugin(RahnumaPlugin):
        def ready(self):
            register_theme(Theme("district", _("District centre"), "themes/district",
                                 stylesheets=("web/css/site.css", "district/css/district.css")))

The theme's templates then live in its app's ``templates/themes/district/`` folder: any template
found there replaces the web theme's template of the same name for sites with that theme, and
everything else falls back to the web theme (``themes.loader``).
"""

from dataclasses import dataclass

from django.utils.functional import Promise

BASE_THEME = "web"


class ThemeError(Exception):
    """A theme was registered twice under one name with different definitions."""


@dataclass(frozen=True)
class Theme:
    name: str
    label: str | Promise
    # The folder (in any app's templates/) whose templates override the web theme's; None for the web theme.
    template_folder: str | None
    # Static paths of the stylesheets every page links, in order.
    stylesheets: tuple[str, ...]
    # A shared screen at a centre: its host must be a kiosk host (settings.RAHNUMA_KIOSK_HOSTS), so that
    # the idle countdown runs (cms.learning.kiosk).
    shared_screen: bool = False


_themes: dict[str, Theme] = {}


def register_theme(theme: Theme) -> Theme:
    """Add ``theme``; registering the same theme again (an app's ready() run twice) is harmless."""
    known = _themes.get(theme.name)
    if known is not None and known != theme:
        raise ThemeError(f"two different themes are registered as {theme.name!r}")
    _themes[theme.name] = theme
    return theme


def get_theme(name: str) -> Theme:
    """The theme called ``name``, or the web theme when none is (e.g. its plugin was uninstalled)."""
    return _themes.get(name) or _themes[BASE_THEME]


def registered_themes() -> list[Theme]:
    return sorted(_themes.values(), key=lambda theme: (theme.name != BASE_THEME, theme.name))


def theme_choices() -> list[tuple[str, str]]:
    """Choices for the site setting; a callable, so new themes need no migration."""
    return [(theme.name, theme.label) for theme in registered_themes()]
