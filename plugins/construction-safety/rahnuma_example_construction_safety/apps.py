"""The example training-partner plugin: one course pack on construction-site safety for Gulf jobs.

The partner ("example-skills-partner") is fictional; the plugin shows how a training partner
ships an occupation module as its own distribution. The safety and rights content is real and
sourced, and the pack, course and plugin names all say that it is an example.
"""

from cms.plugins.base import RahnumaPlugin


class ExampleConstructionSafetyPlugin(RahnumaPlugin):
    name = "rahnuma_example_construction_safety"
    label = "example_construction_safety"
    verbose_name = "Example: a vocational training partner (construction-site safety)"
    plugin_id = "example-skills-partner.construction-safety"
    version = "1.0.1"
    publisher = "example-skills-partner"
    kind = "partner"
    countries = ("SA", "AE", "QA")  # the destinations the course speaks about
    locales = ("en", "ur")
    engine = ">=0.1,<1.0"
    packs = ("packs/construction-safety",)
