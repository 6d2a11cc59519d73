from cms.plugins.base import RahnumaPlugin


class SaudiArabiaPlugin(RahnumaPlugin):
    name = "rahnuma_saudi_arabia"
    label = "saudi_arabia"
    verbose_name = "Saudi Arabia"
    plugin_id = "rahnuma.saudi-arabia"
    version = "1.1.0"
    publisher = "rahnuma"
    kind = "country"
    countries = ("SA",)
    locales = ("en", "ur", "pnb")
    engine = ">=0.1,<1.0"
    packs = ("packs/saudi-arabia",)
    lexicons = ("lexicon.yaml",)
