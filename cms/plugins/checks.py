"""System checks: plugin problems show in ``manage.py check`` instead of crashing start-up."""

from django.conf import settings
from django.core.checks import Error, register

import cms
from cms.plugins.base import PLUGIN_KINDS, RahnumaPlugin


@register("rahnuma")
def check_plugins(app_configs=None, **kwargs):
    errors = []
    for duplicate in settings.PLUGIN_DISCOVERY.duplicates:
        errors.append(
            Error(
                f"Plugin label {duplicate.label!r} is declared by more than one distribution; "
                f"{duplicate.distribution or duplicate.app_config} was not loaded.",
                hint="Uninstall one of them, or exclude it with RAHNUMA_PLUGINS_EXCLUDE.",
                id="rahnuma.E001",
            )
        )
    errors.extend(_check_loaded_plugins())
    return errors


def _check_loaded_plugins():
    from django.apps import apps

    errors, ids = [], {}
    loaded = {_dotted(config): config for config in apps.get_app_configs()}
    for entry in settings.PLUGIN_DISCOVERY.plugins:
        config = loaded.get(entry.app_config)
        if config is None:
            continue
        if not isinstance(config, RahnumaPlugin):
            errors.append(Error(f"{entry.app_config} is not a RahnumaPlugin AppConfig.", id="rahnuma.E002"))
            continue
        if config.label != entry.label:
            errors.append(
                Error(
                    f"Plugin entry point {entry.label!r} points at an app labelled {config.label!r}.",
                    hint="Name the entry point after the AppConfig's label.",
                    id="rahnuma.E003",
                )
            )
        if not config.plugin_id or config.kind not in PLUGIN_KINDS or not config.version:
            errors.append(
                Error(
                    f"Plugin {config.label!r} lacks plugin_id, version or a kind from {PLUGIN_KINDS}.",
                    id="rahnuma.E004",
                )
            )
        if not config.engine or not config.supports_engine():
            errors.append(
                Error(
                    f"Plugin {config.label!r} needs engine {config.engine or '(undeclared)'}; "
                    f"this is engine {cms.__version__}.",
                    hint="Upgrade the plugin, or exclude it with RAHNUMA_PLUGINS_EXCLUDE.",
                    id="rahnuma.E005",
                )
            )
        if config.plugin_id in ids:
            errors.append(
                Error(
                    f"Plugins {ids[config.plugin_id]!r} and {config.label!r} share the id {config.plugin_id!r}.",
                    id="rahnuma.E006",
                )
            )
        ids.setdefault(config.plugin_id, config.label)
    return errors


def _dotted(config):
    return f"{type(config).__module__}.{type(config).__qualname__}"
