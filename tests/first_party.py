"""Which installed plugins are first party: loaded from this repository's ``plugins/`` folder.

Shared by tests/test_first_party_content.py (which checks, installs and renders their packs) and
tests/test_first_party_plugins.py (which renders the other plugins' pages, so each pack is installed
by one contract test only).
"""

from pathlib import Path

from django.apps import apps

from cms.plugins.registry import installed_plugins

PLUGINS_FOLDER = Path(__file__).resolve().parents[1] / "plugins"


def plugin_folder(plugin) -> Path:
    return Path(apps.get_app_config(plugin.label).path).resolve().parent


def is_first_party(plugin) -> bool:
    return plugin_folder(plugin).is_relative_to(PLUGINS_FOLDER)


FIRST_PARTY = [plugin for plugin in installed_plugins() if is_first_party(plugin)]
