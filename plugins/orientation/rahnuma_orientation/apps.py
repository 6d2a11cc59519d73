from cms.plugins.base import RahnumaPlugin


class OrientationPlugin(RahnumaPlugin):
    name = "rahnuma_orientation"
    label = "orientation"
    verbose_name = "Pre-departure orientation"
    plugin_id = "rahnuma.orientation"
    version = "1.0.0"
    publisher = "rahnuma"
    kind = "partner"
    locales = ("en", "ur", "pnb")
    engine = ">=0.1,<1.0"
    packs = ("packs/before-you-decide", "packs/getting-ready")
    lexicons = ("lexicon.yaml",)
