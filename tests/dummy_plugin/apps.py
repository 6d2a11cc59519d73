from cms.plugins.base import RahnumaPlugin


class DummyPlugin(RahnumaPlugin):
    name = "tests.dummy_plugin"
    label = "dummy"
    verbose_name = "Dummy plugin"
    plugin_id = "tests.dummy"
    version = "0.1.0"
    publisher = "tests"
    kind = "partner"
    countries = ("AT",)
    locales = ("en", "ur")
    engine = ">=0.1,<1.0"
    packs = ("packs/dummy",)
    lexicons = ("lexicon.yaml",)
