"""The fonts a certificate's PDF is set in, and the characters they can print.

Noto Nastaliq Urdu, the site's own web font (npm package ``@fontsource/noto-nastaliq-urdu``,
served as static files under ``fonts/noto-nastaliq-urdu/``), for Urdu and Punjabi; its Latin
subsets for English, codes and links. Fontsource ships WOFF2 files split by script; the PDF
needs TrueType, so each is unpacked once per process into a private temporary folder (fpdf2
could read WOFF2 itself, but then unpacks it again for every PDF, which doubles the time)::

    for family in FAMILIES: family.files()  # {"": Path(...400.ttf), "B": Path(...700.ttf)}
    unprintable("Ali Khan")  # []: every character is in one of the fonts
    unprintable("अमीना")     # ["अ", "म", "ी", "न", "ा"]
"""

import tempfile
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

STATIC_FOLDER = "fonts/noto-nastaliq-urdu"
WEIGHTS = {"": 400, "B": 700}  # fpdf2's style letter for each weight


@dataclass(frozen=True)
class FontFamily:
    name: str  # as the PDF code calls it
    subset: str  # fontsource's name for the file's script subset

    def files(self) -> dict[str, Path]:
        """The family's TrueType file for each style ("" regular, "B" bold)."""
        return {style: _truetype(self.subset, weight) for style, weight in WEIGHTS.items()}


URDU = FontFamily("nastaliq", "arabic")
LATIN = FontFamily("latin", "latin")
LATIN_EXTENDED = FontFamily("latin-ext", "latin-ext")
FAMILIES = (URDU, LATIN, LATIN_EXTENDED)

_lock = threading.Lock()
_folder: tempfile.TemporaryDirectory | None = None  # removed when the process exits


def _truetype(subset: str, weight: int) -> Path:
    """The TrueType file of one subset and weight, unpacked from the WOFF2 file on first use."""
    global _folder
    with _lock:
        if _folder is None:
            _folder = tempfile.TemporaryDirectory(prefix="rahnuma-fonts-")
        target = Path(_folder.name) / f"{subset}-{weight}.ttf"
        if not target.exists():
            from fontTools.ttLib import TTFont  # see printable_characters

            font = TTFont(_woff2(subset, weight))
            font.flavor = None  # save as plain TrueType
            font.save(target)
        return target


def _woff2(subset: str, weight: int) -> str:
    name = f"{STATIC_FOLDER}/noto-nastaliq-urdu-{subset}-{weight}-normal.woff2"
    path = finders.find(name)
    if path is None:
        raise ImproperlyConfigured(f"font {name} not found among the static files: run `make install` (npm ci)")
    return path


@cache
def printable_characters() -> frozenset[str]:
    """Every character some certificate font has a glyph for."""
    # Imported here, not at the top: fontTools is large and most processes never make a certificate.
    from fontTools.ttLib import TTFont

    characters = set()
    for family in FAMILIES:
        with TTFont(family.files()[""], lazy=True) as font:
            characters.update(chr(point) for point in font.getBestCmap())
    return frozenset(characters)


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` no certificate font can print, each once, in order."""
    characters = printable_characters()
    return list(dict.fromkeys(character for character in text if character not in characters))
