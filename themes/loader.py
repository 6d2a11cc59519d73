"""A template loader that looks in the current site's theme first, then in the web theme.

Configured in settings.TEMPLATES around Django's app-directories loader. For a template name such as
``rahnuma_core/home_page.html`` on a site with the kiosk theme it tries
``themes/kiosk/rahnuma_core/home_page.html`` first. The override keeps the name it was asked for, so
a theme's template may extend the template it replaces (``{% extends "base.html" %}`` in the kiosk's
``base.html`` extends the web theme's), which Django resolves by skipping the origin already used.
Compiled templates are cached per theme.
"""

from django.template import Origin
from django.template.loaders import cached

from themes.current import current_theme


class Loader(cached.Loader):
    def get_template_sources(self, template_name):
        folder = current_theme().template_folder
        if folder:
            for origin in super().get_template_sources(f"{folder}/{template_name}"):
                yield Origin(name=origin.name, template_name=template_name, loader=origin.loader)
        yield from super().get_template_sources(template_name)

    def cache_key(self, template_name, skip=None):
        return f"{current_theme().name}:{super().cache_key(template_name, skip)}"
