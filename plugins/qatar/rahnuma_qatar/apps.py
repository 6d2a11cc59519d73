from cms.plugins.base import RahnumaPlugin


class QatarPlugin(RahnumaPlugin):
    name = "rahnuma_qatar"
    label = "qatar"
    verbose_name = "Qatar"
    plugin_id = "rahnuma.qatar"
    version = "1.0.0"
    publisher = "rahnuma"
    kind = "country"
    countries = ("QA",)
    locales = ("en", "ur")
    engine = ">=0.1,<1.0"
    packs = ("packs/qatar",)
    lexicons = ("lexicon.yaml",)
