"""Rahnuma plugin for workers going to Malaysia."""

from cms.plugins.base import RahnumaPlugin


class MalaysiaPlugin(RahnumaPlugin):
    name = "rahnuma_malaysia"
    label = "malaysia"
    verbose_name = "Malaysia"
    plugin_id = "rahnuma.malaysia"
    version = "1.0.0"
    publisher = "rahnuma"
    kind = "country"
    countries = ("MY",)
    locales = ("en", "ur")
    engine = ">=0.1,<1.0"
    packs = ("packs/malaysia",)
    lexicons = ("lexicon.yaml",)
