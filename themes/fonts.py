"""The Nastaliq web font cut down to what Urdu and Punjabi pages need, so a phone downloads it quickly.

Fontsource's Noto Nastaliq Urdu (npm, ``@fontsource/noto-nastaliq-urdu``) covers every language written in
Arabic script in South Asia: 1,338 glyphs, 159 KB as WOFF2. Nearly all of its weight is Nastaliq itself:
each letter has dozens of shapes chosen by its neighbours (``BehxMed.inT2outD1``), and some 200 contextual
lookups (GSUB, 270 KB before compression) choose them, move the dots out from under the tail of bari ye
and put spacers between words whose tails would collide. Subsetting to the Urdu and Punjabi alphabet keeps
all of that for every letter kept (about 116 KB): the lookups reach every shape a letter could take.

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
BUILD_VERSION = "1"

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


def build_subset(source: Path, characters: str) -> bytes:
    """The WOFF2 subset of ``source`` for ``characters``, with every shape Nastaliq's lookups reach from them."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False
    options.glyph_names = False
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in characters])
    subsetter.subset(font)
    output = io.BytesIO()
    subset.save_font(font, output, options)
    return output.getvalue()


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
