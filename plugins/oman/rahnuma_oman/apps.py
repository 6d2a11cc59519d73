"""Rahnuma plugin for workers going to Oman."""

from cms.plugins.base import RahnumaPlugin


class OmanPlugin(RahnumaPlugin):
    name = "rahnuma_oman"
    label = "oman"
    verbose_name = "Oman"
    plugin_id = "rahnuma.oman"
    version = "1.0.0"
    publisher = "rahnuma"
    kind = "country"
    countries = ("OM",)
    locales = ("en", "ur")
    engine = ">=0.1,<1.0"
    packs = ("packs/oman",)
    lexicons = ("lexicon.yaml",)
