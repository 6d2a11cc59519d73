from cms.plugins.base import RahnumaPlugin


class UaePlugin(RahnumaPlugin):
    name = "rahnuma_uae"
    label = "uae"
    verbose_name = "United Arab Emirates"
    plugin_id = "rahnuma.uae"
    version = "1.0.0"
    publisher = "rahnuma"
    kind = "country"
    countries = ("AE",)
    locales = ("en", "ur")
    engine = ">=0.1,<1.0"
    packs = ("packs/uae",)
    lexicons = ("lexicon.yaml",)
