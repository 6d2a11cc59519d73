from cms.plugins.base import RahnumaPlugin


class IrregularRoutesPlugin(RahnumaPlugin):
    name = "rahnuma_irregular_routes"
    label = "irregular_routes"
    verbose_name = "Irregular routes and visa scams"
    plugin_id = "rahnuma.irregular-routes"
    version = "1.0.0"
    publisher = "rahnuma"
    # The pack format ties a guide to one country; the guide is filed under Italy (see README.md).
    kind = "country"
    countries = ("IT",)
    locales = ("en", "ur", "pnb")
    engine = ">=0.1,<1.0"
    packs = ("packs/irregular-routes",)
    lexicons = ("lexicon.yaml",)
