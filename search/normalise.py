"""Text normalisation shared by every search backend, at index time and at query time.

No analyser of SQLite, PostgreSQL or the Elasticsearch server core knows Urdu or Shahmukhi, so the
text is folded here, once, and every backend indexes and queries the folded words::

    >>> normalise("كتاب")            # Arabic kaf and yeh, as an Arabic keyboard types them
    'کتاب'
    >>> normalise("Ｖisa  Bürö")      # full-width Latin, diacritics, case
    'visa buro'
    >>> analyse("Workers' rights, ۲۰۲۵")
    ['worker', 'right', '2025']

``normalise`` folds letters that people type interchangeably and keeps the text readable;
``analyse`` also splits it into words and trims English plurals (``index_text`` joins them again for
an index field).
"""

import re
import unicodedata
from functools import lru_cache

# Arabic diacritics (harakat, Quranic marks), the superscript alef and tatweel: optional in writing,
# and SQLite's tokenizer would otherwise split words at them.
_DELETED = dict.fromkeys(
    [
        *range(0x064B, 0x0660),
        0x0670,
        *range(0x06D6, 0x06EE),
        0x0640,
        # Zero-width joiner, direction marks and isolates: invisible, and they break words apart.
        *(0x200B, 0x200D, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF),
    ]
)

_FOLDED = {
    # Arabic yeh and alef maksura are Urdu yeh; yeh with hamza is written both ways (لئے / لیے).
    0x064A: "\u06cc",
    0x0649: "\u06cc",
    0x0626: "\u06cc",
    # Arabic kaf is Urdu keheh.
    0x0643: "\u06a9",
    # Heh, teh marbuta and their hamza forms are heh goal (the Urdu "ہ"). Do-chashmi heh (ھ) stays.
    0x0647: "\u06c1",
    0x0629: "\u06c1",
    0x06C0: "\u06c1",
    0x06C2: "\u06c1",
    # Alef with hamza or madda, and alef wasla, are alef.
    0x0622: "\u0627",
    0x0623: "\u0627",
    0x0625: "\u0627",
    0x0671: "\u0627",
    # Waw and bari yeh with hamza are written without it as often as with it.
    0x0624: "\u0648",
    0x06D3: "\u06d2",
    # Zero-width non-joiner separates the parts of a compound; Urdu punctuation separates words.
    0x200C: " ",
    0x060C: " ",  # ، comma
    0x061B: " ",  # ؛ semicolon
    0x061F: " ",  # ؟ question mark
    0x06D4: " ",  # ۔ full stop
    0x066A: " ",  # ٪ percent
    0x066B: ".",  # ٫ decimal separator
    0x066C: ",",  # ٬ thousands separator
}
# Arabic-Indic and Extended Arabic-Indic (Urdu) digits are ASCII digits.
_FOLDED.update({0x0660 + digit: str(digit) for digit in range(10)})
_FOLDED.update({0x06F0 + digit: str(digit) for digit in range(10)})
_TABLE = {**_DELETED, **_FOLDED}

_WORD = re.compile(r"\w+")
# Latin letters that may carry a diacritic (Latin-1 Supplement to Latin Extended-B, Latin Extended
# Additional), and combining Latin diacritics typed as characters of their own.
_LATIN_MARKED = re.compile("[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]+")
_SPACES = re.compile(r"\s+")
# Longest text analysed in one piece; longer input is cut there (search boxes send far less).
MAX_QUERY_LENGTH = 200


def _without_marks(match: re.Match) -> str:
    decomposed = unicodedata.normalize("NFD", match.group())
    # The combining-diacritics block goes whole, even its one mark of class 0 (the grapheme joiner).
    return "".join(c for c in decomposed if not (unicodedata.combining(c) or "\u0300" <= c <= "\u036f"))


def _strip_latin_marks(text: str) -> str:
    """Remove diacritics from Latin letters only: Arabic-script marks (hamza above) carry meaning."""
    if text.isascii():
        return text
    return _LATIN_MARKED.sub(_without_marks, text)


def normalise(text: str) -> str:
    """The folded form of ``text``: NFKC, Urdu/Shahmukhi letter folding, ASCII digits, no Latin
    diacritics, case-folded, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TABLE)
    text = _strip_latin_marks(text).casefold()
    return _SPACES.sub(" ", text).strip()


def stem(word: str) -> str:
    """Harman's "S" stemmer for Latin-script words: plurals to singular, conservatively.

    >>> [stem(w) for w in ["visas", "agencies", "boxes", "status", "glass", "ksa"]]
    ['visa', 'agency', 'boxe', 'status', 'glass', 'ksa']
    """
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The normalised words of ``text``, unstemmed (for display: suggestions, "did you mean")."""
    return _WORD.findall(normalise(text).replace("_", " "))


@lru_cache(maxsize=100_000)
def analyse_word(word: str) -> str:
    """The index term of one word as it is written ("" if it has none); cached, since texts repeat words."""
    analysed = analyse(word)
    return analysed[0] if analysed else ""


def analyse(text: str) -> list[str]:
    """The index terms of ``text``: normalised words, plurals trimmed."""
    return [stem(word) for word in words(text)]


def index_text(text: str) -> str:
    """``text`` as an index field holds it: its terms separated by single spaces."""
    return " ".join(analyse(text))


def is_latin(word: str) -> bool:
    """Whether a (normalised) word is written in Latin letters: only those get fuzzy matching."""
    return word.isascii() and any(char.isalpha() for char in word)
