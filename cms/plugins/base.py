"""What a plugin declares about itself: metadata on its AppConfig."""

from dataclasses import dataclass
from pathlib import Path

from django.apps import AppConfig
from packaging.specifiers import SpecifierSet
from packaging.version import Version

import cms

PLUGIN_KINDS = ("country", "partner", "theme", "integration")


class RahnumaPlugin(AppConfig):
    """Base class of every plugin's AppConfig.

    Example::

        class SaudiArabiaPlugin(RahnumaPlugin):
            name = "rahnuma_saudi_arabia"
            label = "saudi_arabia"
            verbose_name = "Saudi Arabia"
            plugin_id = "rahnuma.saudi-arabia"
            version = "1.0.0"
            publisher = "rahnuma"
            kind = "country"
            countries = ("SA",)
            locales = ("en", "ur", "pnb")
            engine = ">=0.1,<1.0"
            packs = ("packs/saudi-arabia",)
    """

    default = False
    plugin_id: str = ""
    version: str = ""
    publisher: str = ""
    kind: str = ""
    countries: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    engine: str = ""
    packs: tuple[str, ...] = ()  # pack folders, relative to the plugin's package
    lexicons: tuple[str, ...] = ()  # search spelling-variant files (search.lexicon), relative to the package

    @property
    def pack_paths(self) -> list[Path]:
        return [Path(self.path) / pack for pack in self.packs]

    def supports_engine(self, engine_version: str = cms.__version__) -> bool:
        return Version(engine_version) in SpecifierSet(self.engine)


@dataclass(frozen=True)
class PluginInfo:
    """A plain view of a plugin for listings and the admin."""

    label: str
    plugin_id: str
    name: str
    version: str
    publisher: str
    kind: str
    countries: tuple[str, ...]
    locales: tuple[str, ...]
    engine: str
    pack_paths: tuple[Path, ...]

    @classmethod
    def from_config(cls, config: RahnumaPlugin):
        return cls(
            label=config.label,
            plugin_id=config.plugin_id,
            name=str(config.verbose_name),
            version=config.version,
            publisher=config.publisher,
            kind=config.kind,
            countries=tuple(config.countries),
            locales=tuple(config.locales),
            engine=config.engine,
            pack_paths=tuple(config.pack_paths),
        )
