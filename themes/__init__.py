"""Themes: how the same content looks on each Wagtail Site.

A theme (``themes.registry.Theme``) is a name, a label, a folder of templates that override the
web theme's, and its stylesheets. Each site picks one in its theme settings (``themes.models``),
along with the centre's name, logo and colours; ``themes.loader`` then finds every template in the
site's theme first and in the web theme otherwise. Two themes ship: ``web`` (phones first, the
fallback for everything) and ``kiosk`` (the centre's touch screen, ``themes.kiosk``).
"""
