"""Finding plugins at settings time from the ``rahnuma.plugins`` entry points.

Only entry-point metadata is read here; no plugin code is imported, because settings are loaded
before Django's app registry exists and a broken plugin must not stop the whole site from starting.
The entry point's name is the plugin's app label and its value the dotted path of its AppConfig::

    [project.entry-points."rahnuma.plugins"]
    saudi_arabia = "rahnuma_saudi_arabia.apps.SaudiArabiaPlugin"
"""

import os
from dataclasses import dataclass, field
from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "rahnuma.plugins"
EXCLUDE_VARIABLE = "RAHNUMA_PLUGINS_EXCLUDE"


@dataclass(frozen=True)
class PluginEntry:
    label: str
    app_config: str
    distribution: str


@dataclass(frozen=True)
class Discovery:
    plugins: tuple[PluginEntry, ...] = ()
    # Entries skipped because an earlier one (in sorted order) already took the label.
    duplicates: tuple[PluginEntry, ...] = ()
    excluded: tuple[str, ...] = field(default=())

    @property
    def app_configs(self) -> list[str]:
        return [plugin.app_config for plugin in self.plugins]


def excluded_from_environment() -> set[str]:
    return {name.strip() for name in os.environ.get(EXCLUDE_VARIABLE, "").split(",") if name.strip()}


def discover_plugins(exclude=frozenset()) -> Discovery:
    """Plugins sorted by label (then distribution), each label once, minus ``exclude``."""
    found = sorted(
        (
            PluginEntry(point.name, point.value, point.dist.name if point.dist else "")
            for point in entry_points(group=ENTRY_POINT_GROUP)
        ),
        key=lambda entry: (entry.label, entry.distribution, entry.app_config),
    )
    plugins, duplicates, seen = [], [], {}
    for entry in found:
        if entry.label in exclude:
            continue
        if entry.label in seen:
            # importlib.metadata can list one distribution twice (e.g. an editable install
            # seen through two path entries); only a different target is a real clash.
            if seen[entry.label] != entry:
                duplicates.append(entry)
            continue
        seen[entry.label] = entry
        plugins.append(entry)
    return Discovery(tuple(plugins), tuple(duplicates), tuple(sorted(exclude)))
