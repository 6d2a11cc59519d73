"""The plugins Django has loaded."""

from django.apps import apps

from cms.plugins.base import PluginInfo, RahnumaPlugin


class UnknownPlugin(LookupError):
    pass


def installed_plugins() -> list[PluginInfo]:
    """Every loaded plugin, sorted by label."""
    configs = [config for config in apps.get_app_configs() if isinstance(config, RahnumaPlugin)]
    return [PluginInfo.from_config(config) for config in sorted(configs, key=lambda config: config.label)]


def get_plugin(label_or_id: str) -> PluginInfo:
    for plugin in installed_plugins():
        if label_or_id in (plugin.label, plugin.plugin_id):
            return plugin
    raise UnknownPlugin(f"no installed plugin is called {label_or_id!r}")
