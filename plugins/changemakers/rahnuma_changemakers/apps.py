from cms.plugins.base import RahnumaPlugin


class ChangemakersPlugin(RahnumaPlugin):
    name = "rahnuma_changemakers"
    label = "changemakers"
    verbose_name = "Changemaker training"
    plugin_id = "rahnuma.changemakers"
    version = "1.0.0"
    publisher = "rahnuma"
    # Not about a destination or a training partner's trade: content for the centre's own outreach.
    kind = "partner"
    locales = ("en", "ur", "pnb")
    engine = ">=0.1,<1.0"
    packs = ("packs/changemakers",)
