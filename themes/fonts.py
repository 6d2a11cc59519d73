"""The Nastaliq web font cut down to what Urdu and Punjabi pages need, so a phone downloads it quickly.

Fontsource's Noto Nastaliq Urdu (npm, ``@fontsource/noto-nastaliq-urdu``) covers every language written in
Arabic script in South Asia: 1,338 glyphs, 159 KB as WOFF2. Nearly all of its weight is Nastaliq itself:
each letter has dozens of shapes chosen by its neighbours (``BehxMed.inT2outD1``), and some 200 contextual
lookups (GSUB, 270 KB before compression) choose them, move the dots out from under the tail of bari ye
and put spacers between words whose tails would collide. Subsetting to the Urdu and Punjabi alphabet keeps
all of that for every letter kept (116 KB as fontTools writes it by default): the lookups reach every shape
a letter could take. Two changes to how the subset is written, neither of which changes a shape, bring it
to about 84 KB:

- A coarser grid of font units (``UNITS_PER_EM``, 128 instead of 1,000): outlines, advances and anchors
  are stored in smaller numbers, which WOFF2 packs into fewer bytes (glyf 49 -> 32 KB compressed). One unit
  is a quarter of a pixel on the kiosk's largest headings; Chromium's rendering at 18 to 72 px cannot be
  told from the full font's by eye (compared magnified).
- The lookups are written by fontTools' own packer without their Extension wrappers. The font wraps every
  large lookup in an Extension (32-bit offsets), and HarfBuzz's repacker then shares subtables across the
  whole table: the smallest table (229 KB), but its offsets jump about and Brotli compresses it to 61 KB.
  fontTools wraps back only the lookups whose offsets would overflow and keeps each lookup's subtables
  together: a larger table that compresses to 46 KB.

What does not work, measured (so nobody tries it again without a new idea): cutting by the glyphs
HarfBuzz outputs for the site's content plus every letter pair, with fontTools' ``layout_closure`` off,
gives 83-92 KB but changes how the content itself is set: contextual rules substitute twice at one
place inside one lookup (BehxMed -> BehxMed.inT1 -> BehxMed.inT1outT2N) without HarfBuzz reporting the
glyph between, so dropping it breaks the chain and the words lose their stepped Nastaliq baseline. Adding
every glyph that lies between two kept ones brings back nearly the whole closure (116 KB). Dropping the
bari ye dot placement or the collision spacers would make dots and tails overlap. So the subset keeps every
shape Nastaliq's lookups reach from the characters below, and the test (tests/test_nastaliq_subset.py)
checks that HarfBuzz sets the content exactly as with the full font.

The characters are ``CHARACTERS`` and any other Arabic-script character the installed content uses
(interface catalogues, templates, the packs of every installed plugin); content added later in the admin
is in the same alphabet. The build runs again when the characters, the font or the choices here change
(the static-files finder, ``themes.finders``, and ``make install``).

The characters (``CHARACTERS``): the Urdu alphabet, the Punjabi (Shahmukhi) letters beyond it (ݨ, ࣇ),
the Arabic forms of letters that Arabic names and terms bring (``ARABIC_LETTERS``), the vowel and other
marks written in Urdu, both sets of Arabic-script digits, and Urdu punctuation. Latin letters, ASCII
digits and Latin punctuation are not in the subset: the page's system font shows them (the
``unicode-range`` of the ``@font-face`` says so, so they never download the font).

Dropped besides: hinting (phones' renderers ignore it at these sizes), glyph names, and the bold file:
one file serves every weight (Nastaliq marks emphasis by size, and a second font would double the
download).

    python -m themes.fonts [OUTPUT.woff2]   # build from the repository's files (make install), print the sizes
"""

import hashlib
import io
import re
from collections.abc import Iterable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SOURCE_FONT = PROJECT / "node_modules/@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff2"
# Where the site serves it (themes/web/static/web/css/site.css names it).
STATIC_NAME = "fonts/noto-nastaliq-urdu/noto-nastaliq-urdu-rahnuma.woff2"
# Where it is built (and kept until its inputs change); themes.finders serves it from there.
BUILD_ROOT = PROJECT / "var" / "fonts"
# Bump when the choices below change, so that built files are made again.
BUILD_VERSION = "2"
# Font units per em of the subset (the source has 1,000); see the module's docstring.
UNITS_PER_EM = 128

URDU_LETTERS = "ءآأؤإئابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھۂۃیےۓ"
SHAHMUKHI_LETTERS = "ݨࣇ"  # Punjabi's retroflex n and l
ARABIC_LETTERS = "يكهةى"  # in Arabic names and terms (e.g. Saudi offices) inside Urdu text
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0656\u0658\u0670"  # harakat, maddah, hamza, ...
DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"  # Arabic-Indic and the Eastern (Urdu) forms
# Comma, semicolon, question mark, full stop, percent, decimal and thousands separators, kashida.
PUNCTUATION = "،؛؟۔٪٫٬ـ"
CONTROLS = "\u200c\u200d\u200e \u00a0"  # ZWNJ, ZWJ, LRM, spaces (the font has no RLM)
CHARACTERS = URDU_LETTERS + SHAHMUKHI_LETTERS + ARABIC_LETTERS + MARKS + DIGITS + PUNCTUATION + CONTROLS
# The shaping features Nastaliq needs; the font has no others.
FEATURES = ["ccmp", "isol", "init", "medi", "fina", "rlig", "curs", "mark", "mkmk"]

# Arabic-script characters, as the content may hold them beyond the alphabet (e.g. a Saraiki or Arabic letter).
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
TEXT_SUFFIXES = {".po", ".md", ".yaml", ".yml", ".html", ".txt", ".json"}


def content_characters(texts: Iterable[str]) -> set[str]:
    """The Arabic-script characters that ``texts`` use."""
    return {char for text in texts for char in _ARABIC_SCRIPT.findall(text)}


def text_files(folders: Iterable[Path]) -> list[Path]:
    """The content and translation files under ``folders``, in a stable order."""
    found = set()
    for folder in folders:
        found.update(path for path in Path(folder).rglob("*") if path.suffix in TEXT_SUFFIXES and path.is_file())
    return sorted(found)


def subset_characters(content_texts: Iterable[str]) -> str:
    """``CHARACTERS`` and whatever other Arabic-script characters the content uses, in code point order."""
    return "".join(sorted(set(CHARACTERS) | content_characters(content_texts)))


def build_subset(source: Path, characters: str, units_per_em: int | None = UNITS_PER_EM) -> bytes:
    """The WOFF2 subset of ``source`` for ``characters``, with every shape Nastaliq's lookups reach from them.

    ``units_per_em=None`` keeps the source's units (the tests compare its shaping with the full font's).
    """
    from fontTools import subset
    from fontTools.ttLib.scaleUpem import scale_upem

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False
    options.glyph_names = False
    options.harfbuzz_repacker = False  # fontTools' packer: see the module's docstring
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in characters])
    subsetter.subset(font)
    if units_per_em:
        scale_upem(font, units_per_em)
    _unwrap_extension_lookups(font)
    output = io.BytesIO()
    subset.save_font(font, output, options)
    return output.getvalue()


def _unwrap_extension_lookups(font) -> None:
    """Store each Extension lookup as the lookup it wraps; fontTools wraps again only what overflows."""
    for tag, extension_type in (("GSUB", 7), ("GPOS", 9)):
        for lookup in font[tag].table.LookupList.Lookup:
            if lookup.LookupType == extension_type:
                lookup.LookupType = lookup.SubTable[0].ExtensionLookupType
                lookup.SubTable = [wrapper.ExtSubTable for wrapper in lookup.SubTable]


def inputs_digest(source: Path, characters: str) -> str:
    """What the subset depends on: the source font, the characters and the choices here."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    digest.update(source.read_bytes())
    digest.update(characters.encode())
    return digest.hexdigest()


def ensure_subset(output: Path, source: Path, content_files: Iterable[Path]) -> Path:
    """Build ``output`` unless it was built from the same inputs; the digest is kept beside it."""
    characters = subset_characters(path.read_text(encoding="utf-8", errors="ignore") for path in content_files)
    digest = inputs_digest(source, characters)
    stamp = output.with_name(output.name + ".inputs")
    if output.exists() and stamp.exists() and stamp.read_text() == digest:
        return output
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.{digest[:12]}.partial")
    partial.write_bytes(build_subset(source, characters))
    partial.replace(output)  # atomic: a server reading it meanwhile sees the old file or the new one
    stamp.write_text(digest)
    return output


def repository_content_folders() -> list[Path]:
    """The repository's interface catalogues, templates and first-party plugins (without Django)."""
    return [PROJECT / "locale", PROJECT / "themes", PROJECT / "cms", PROJECT / "plugins"]


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else BUILD_ROOT / STATIC_NAME
    ensure_subset(target, SOURCE_FONT, text_files(repository_content_folders()))
    print(f"{SOURCE_FONT.name}: {SOURCE_FONT.stat().st_size:,} bytes -> {target}: {target.stat().st_size:,} bytes")
