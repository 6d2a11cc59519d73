"""What installing a pack would do to what is installed: the plan shown before anything is written.

An installed pack is remembered as a *contents record*: the fingerprint of every unit and of its
translations per language. Comparing a pack with that record tells, per unit and per language,
what is added, changed, removed or unchanged.
"""

from dataclasses import dataclass, field

from packaging.version import Version

from course_packs.units import content_fingerprint, pack_units, translation_fingerprint

ADDED, CHANGED, REMOVED, UNCHANGED = "added", "changed", "removed", "unchanged"
CHANGES = (ADDED, CHANGED, REMOVED, UNCHANGED)


@dataclass(frozen=True)
class UnitChange:
    kind: str
    key: str
    change: str


@dataclass
class Plan:
    pack_id: str
    from_version: str | None
    to_version: str
    units: list[UnitChange] = field(default_factory=list)
    languages: dict[str, list[UnitChange]] = field(default_factory=dict)
    contents: dict = field(default_factory=dict)  # the contents record of the pack being installed

    @property
    def action(self) -> str:
        if self.from_version is None:
            return "install"
        old, new = Version(self.from_version), Version(self.to_version)
        return "upgrade" if new > old else "downgrade" if new < old else "reinstall"

    def keys(self, *changes: str) -> set[str]:
        return {unit.key for unit in self.units if unit.change in changes}

    def translation_keys(self, language: str, *changes: str) -> set[str]:
        return {unit.key for unit in self.languages.get(language, ()) if unit.change in changes}

    @staticmethod
    def count(changes: list[UnitChange]) -> dict[str, int]:
        return {name: sum(unit.change == name for unit in changes) for name in CHANGES}

    def lines(self) -> list[str]:
        """The plan as text, for the command line and the upload page."""
        counts = ", ".join(f"{number} {name}" for name, number in self.count(self.units).items())
        before = f" over {self.from_version}" if self.from_version else ""
        lines = [f"{self.action} {self.pack_id} {self.to_version}{before}: {counts}"]
        lines += [f"  {unit.change:9} {unit.kind} {unit.key}" for unit in self.units if unit.change != UNCHANGED]
        for language, changes in sorted(self.languages.items()):
            counts = ", ".join(f"{number} {name}" for name, number in self.count(changes).items())
            lines.append(f"  translations into {language}: {counts}")
        return lines

    def as_record(self) -> dict:
        return {
            "action": self.action,
            "units": [[unit.kind, unit.key, unit.change] for unit in self.units],
            "languages": {
                language: self.count(changes) | {"changed_items": sorted(self.translation_keys(language, CHANGED))}
                for language, changes in self.languages.items()
            },
        }


def contents_record(pack) -> dict:
    """What to remember about an installed pack so the next version can be compared with it."""
    units = pack_units(pack)
    return {
        "units": {unit.key: [unit.kind, content_fingerprint(unit)] for unit in units},
        "translations": {
            language: {unit.key: translation_fingerprint(unit, pack.catalogues.get(language)) for unit in units}
            for language in pack.translation_languages
        },
    }


def make_plan(pack, installed_version: str | None = None, installed_record: dict | None = None) -> Plan:
    record = installed_record or {}
    before = record.get("units", {})
    after = contents_record(pack)
    plan = Plan(pack.manifest.id, installed_version, pack.manifest.version, contents=after)
    plan.units = _compare(before, after["units"])
    for language, fingerprints in after["translations"].items():
        previous = record.get("translations", {}).get(language, {})
        plan.languages[language] = _compare(
            {key: [before[key][0], value] for key, value in previous.items() if key in before},
            {key: [after["units"][key][0], value] for key, value in fingerprints.items()},
        )
    return plan


def _compare(before: dict, after: dict) -> list[UnitChange]:
    changes = []
    for key, (kind, fingerprint) in after.items():
        if key not in before:
            changes.append(UnitChange(kind, key, ADDED))
        else:
            changes.append(UnitChange(kind, key, UNCHANGED if before[key][1] == fingerprint else CHANGED))
    changes += [UnitChange(kind, key, REMOVED) for key, (kind, _) in before.items() if key not in after]
    return changes
