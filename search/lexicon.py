"""The variant lexicon: spellings of one word that search treats alike.

Learners type "naukri", "nokri", "نوکری" or "job" for the same thing. Each lexicon entry lists a
word's spellings in English (``en``), Urdu (``ur``), Shahmukhi Punjabi (``pnb``) and Roman Urdu or
Roman Punjabi (``roman``); a query word found in an entry is expanded at query time to all of its
spellings, the one the learner typed weighted higher (search.query).

Where entries come from, later ones overriding earlier ones by key:

1. ``search/lexicon/*.yaml``, versioned with the code;
2. each installed plugin's lexicon files (``RahnumaPlugin.lexicons``, paths inside its package);
3. editors' entries in the admin (search.models.LexiconEntry): an entry with a shipped entry's key
   replaces it, a disabled one switches it off.

A lexicon file::

    version: 1
    entries:
      visa:
        en: [visa]
        ur: [ویزا, ویزہ]
        roman: [veeza, viza]
"""

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from search.normalise import analyse
from search.reread import RereadCopy, rows_version

logger = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
SPELLING_SYSTEMS = ("en", "ur", "pnb", "roman")
MAX_TERM_LENGTH = 60
MAX_PHRASE_WORDS = 4


class LexiconError(ValueError):
    """A lexicon file or entry is malformed; the message names the file, the entry and the problem."""


@dataclass(frozen=True)
class Entry:
    key: str
    spellings: dict[str, tuple[str, ...]]  # spelling system -> spellings as written
    source: str = ""

    def forms(self) -> set[tuple[str, ...]]:
        """Every spelling as analysed terms (search.normalise.analyse)."""
        return {tuple(analyse(term)) for terms in self.spellings.values() for term in terms} - {()}

    def preferred(self, language: str) -> str:
        """How to write the word for a learner reading ``language``: its first spelling there, else English."""
        for system in (language, "en", "roman", "ur"):
            if self.spellings.get(system):
                return self.spellings[system][0]
        return self.key


def parse_entry(key, value, source: str) -> Entry:
    where = f"{source}: entry {key!r}"
    if not isinstance(key, str) or not key.replace("-", "").isalnum() or not key.isascii() or len(key) > 60:
        raise LexiconError(f"{where}: a key is a short ASCII name of letters, digits and hyphens")
    if not isinstance(value, dict) or not value:
        raise LexiconError(f"{where}: expected spellings by system ({', '.join(SPELLING_SYSTEMS)})")
    spellings = {}
    for system, terms in value.items():
        if system not in SPELLING_SYSTEMS:
            raise LexiconError(f"{where}: unknown spelling system {system!r}; use {', '.join(SPELLING_SYSTEMS)}")
        if isinstance(terms, str):
            terms = [terms]
        if not isinstance(terms, list) or not all(isinstance(term, str) and term.strip() for term in terms):
            raise LexiconError(f"{where}: {system} must be a list of non-empty words (quote numbers)")
        for term in terms:
            if len(term) > MAX_TERM_LENGTH or len(analyse(term)) > MAX_PHRASE_WORDS:
                raise LexiconError(f"{where}: {term!r} is too long (at most {MAX_PHRASE_WORDS} words)")
            if not analyse(term):
                raise LexiconError(f"{where}: {term!r} has no letters or digits")
        spellings[system] = tuple(term.strip() for term in terms)
    return Entry(key=key, spellings=spellings, source=source)


def load_file(path: Path) -> dict[str, Entry]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(f"{path}: cannot read the lexicon: {error}") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("version"), int)
        or not isinstance(data.get("entries"), dict)
    ):
        raise LexiconError(f"{path}: a lexicon is a mapping with an integer `version` and `entries` by key")
    return {key: parse_entry(key, value, str(path)) for key, value in data["entries"].items()}


def merge(into: dict[str, Entry], entries: dict[str, Entry]):
    """Add ``entries``; an entry whose key is there already gains the new spellings."""
    for key, entry in entries.items():
        if key in into:
            combined = dict(into[key].spellings)
            for system, terms in entry.spellings.items():
                combined[system] = tuple(dict.fromkeys([*combined.get(system, ()), *terms]))
            entry = Entry(key=key, spellings=combined, source=f"{into[key].source}, {entry.source}")
        into[key] = entry


def lexicon_files() -> list[Path]:
    """The shipped lexicon files: the engine's, then each installed plugin's."""
    from django.apps import apps

    from cms.plugins.base import RahnumaPlugin

    files = sorted(LEXICON_DIR.glob("*.yaml"))
    plugins = sorted(
        (config for config in apps.get_app_configs() if isinstance(config, RahnumaPlugin)), key=lambda c: c.label
    )
    for plugin in plugins:
        files.extend(Path(plugin.path) / name for name in getattr(plugin, "lexicons", ()))
    return files


def shipped_entries() -> dict[str, Entry]:
    entries = {}
    for path in lexicon_files():
        merge(entries, load_file(path))
    return entries


def editor_entry(row) -> Entry | None:
    """An editor's LexiconEntry as an Entry; None when it has no usable spelling."""
    value = {
        system: [line.strip() for line in text.splitlines() if line.strip()]
        for system, text in (("en", row.english), ("ur", row.urdu), ("pnb", row.shahmukhi), ("roman", row.roman))
    }
    value = {system: terms for system, terms in value.items() if terms}
    return parse_entry(row.key, value, "admin") if value else None


@dataclass
class Lexicon:
    entries: dict[str, Entry]
    # analysed form -> keys of the entries that have it
    by_form: dict[tuple[str, ...], set[str]] = field(default_factory=dict)

    def __post_init__(self):
        for key, entry in self.entries.items():
            for form in entry.forms():
                self.by_form.setdefault(form, set()).add(key)

    def entries_for(self, form: tuple[str, ...]) -> list[Entry]:
        return [self.entries[key] for key in sorted(self.by_form.get(form, ()))]

    def variants(self, form: tuple[str, ...]) -> set[tuple[str, ...]]:
        """Every analysed spelling of the entries that contain ``form``, ``form`` itself excluded."""
        found = set()
        for entry in self.entries_for(form):
            found |= entry.forms()
        found.discard(form)
        return found

    def terms(self) -> set[str]:
        """Every single analysed word in the lexicon (for spelling correction)."""
        return {word for form in self.by_form for word in form}


def build_lexicon(shipped: dict[str, Entry], editor_rows) -> Lexicon:
    entries = dict(shipped)
    for row in editor_rows:
        if not row.enabled:
            entries.pop(row.key, None)
            continue
        try:
            entry = editor_entry(row)
        except LexiconError as error:  # saved before a rule tightened; the admin form refuses new ones
            logger.warning("search lexicon: skipping an editor's entry: %s", error)
            entry = None
        if entry is None:
            entries.pop(row.key, None)
        else:
            entries[row.key] = entry
    return Lexicon(entries)


@functools.cache
def kept_shipped_entries() -> dict[str, Entry]:
    """The shipped entries, read once per process: they change only with the code."""
    return shipped_entries()


def _editor_entries_version():
    from search.models import LexiconEntry

    return rows_version(LexiconEntry.objects)


def _read_lexicon() -> Lexicon:
    from search.models import LexiconEntry

    return build_lexicon(kept_shipped_entries(), LexiconEntry.objects.all())


# The process's lexicon: shipped files read once, editors' entries read again when they change.
_copy = RereadCopy(version=_editor_entries_version, build=_read_lexicon)


def get_lexicon() -> Lexicon:
    return _copy.get()


# Connected to LexiconEntry saves (search.signals); other processes notice within seconds.
forget_lexicon = _copy.forget
