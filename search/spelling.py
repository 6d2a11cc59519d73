"""Spelling correction for query words that nothing in the index contains.

The vocabulary is every analysed word of the documents' titles and summaries, plus the lexicon's
spellings. For a word not in it, ``Vocabulary.corrections`` finds known words that are

- within a small edit distance (1 for short words, 2 for longer ones; Damerau-Levenshtein), found
  through a symmetric-deletion index (SymSpell) so no word is compared with the whole vocabulary;
- or spelt with the same sounds: Urdu letters that sound alike (س ص ث, ز ذ ض ظ, ت ط, ہ ح) and
  Roman Urdu habits (ee/i, oo/u, w/v, z/s, doubled letters) folded away;
- or, for a Roman Urdu word, Urdu-script words with the same consonant skeleton (وکیل ~ vakil),
  when the skeleton is long enough not to be ambiguous.

The database backend has no fuzzy matching on SQLite, so these corrections are how both backends
find "saudya" or "shikayat"; Elasticsearch adds its own fuzziness on Latin words on top.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from anyascii import anyascii

from search.normalise import analyse, is_latin
from search.reread import RereadCopy, rows_version

MIN_WORD_LENGTH = 3
MIN_SKELETON_LENGTH = 3

_URDU_SOUNDS = str.maketrans({"ص": "س", "ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ط": "ت", "ح": "ہ", "ع": "ا"})
_LATIN_SOUNDS = [
    (re.compile(r"ee|ea"), "i"),
    (re.compile(r"oo|ou"), "u"),
    (re.compile(r"au"), "o"),
    (re.compile(r"w"), "v"),
    (re.compile(r"z"), "s"),
    (re.compile(r"q"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"y$"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
]
_NOT_SKELETON = re.compile(r"[aeiouyhw`'\s]")


def sound_key(word: str) -> str:
    if is_latin(word):
        for pattern, replacement in _LATIN_SOUNDS:
            word = pattern.sub(replacement, word)
        return word
    return word.translate(_URDU_SOUNDS)


def skeleton(word: str) -> str:
    """Consonants of a word in Latin letters (Urdu script through anyascii): وکیل and vakil give "vkl"."""
    latin = anyascii(word).lower().replace("v", "w").replace("q", "k")
    return re.sub(r"(.)\1+", r"\1", _NOT_SKELETON.sub("", latin)).replace("w", "")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, or limit + 1 once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True)
class Correction:
    word: str
    how: str  # "spelling", "sound" or "skeleton"


class Vocabulary:
    """Known words with how many documents use them, indexed for corrections."""

    def __init__(self, frequencies: Counter, extra_words=()):
        """``frequencies``: the documents' words; ``extra_words`` (the lexicon's) may be suggested but
        do not count as words the documents contain."""
        self.document_words = set(frequencies)
        self.frequencies = Counter(frequencies)
        for word in extra_words:
            self.frequencies.setdefault(word, 0)
        self.by_delete = defaultdict(set)
        self.by_sound = defaultdict(set)
        self.by_skeleton = defaultdict(set)
        for word in self.frequencies:
            if len(word) < MIN_WORD_LENGTH:
                continue
            deletes = _deletes(word)
            if len(word) > 5:  # longer words may be two edits away from what was typed
                deletes |= {twice for once in deletes for twice in _deletes(once)}
            for key in {word} | deletes:
                self.by_delete[key].add(word)
            self.by_sound[sound_key(word)].add(word)
            if not is_latin(word) and len(key := skeleton(word)) >= MIN_SKELETON_LENGTH:
                self.by_skeleton[key].add(word)

    def __contains__(self, word: str) -> bool:
        return word in self.document_words

    def _best(self, words) -> str:
        return max(words, key=lambda word: (self.frequencies[word], word))

    def corrections(self, word: str) -> list[Correction]:
        """Known words the learner may have meant by an unknown ``word``, best first (at most one of each kind)."""
        if word in self or len(word) < MIN_WORD_LENGTH:
            return []
        found = []
        limit = max_distance(word)
        candidates = set()
        for key in {word} | _deletes(word):
            candidates |= self.by_delete.get(key, set())
        if limit > 1:
            for key in {deleted2 for deleted in _deletes(word) for deleted2 in _deletes(deleted)}:
                if key in self.frequencies:
                    candidates.add(key)
        scored = [(edit_distance(word, candidate, limit), candidate) for candidate in candidates]
        scored = [(distance, candidate) for distance, candidate in scored if distance <= limit]
        if scored:
            nearest = min(distance for distance, _ in scored)
            found.append(Correction(self._best(c for d, c in scored if d == nearest), "spelling"))
        same_sound = self.by_sound.get(sound_key(word), set()) - {c.word for c in found}
        if same_sound:
            found.append(Correction(self._best(same_sound), "sound"))
        if is_latin(word) and len(key := skeleton(word)) >= MIN_SKELETON_LENGTH:
            same_skeleton = self.by_skeleton.get(key, set())
            if same_skeleton:
                found.append(Correction(self._best(same_skeleton), "skeleton"))
        return found


def build_vocabulary(texts, extra_words=()) -> Vocabulary:
    frequencies = Counter()
    for text in texts:
        frequencies.update(set(analyse(text)))
    return Vocabulary(frequencies, extra_words)


def _documents_version(lexicon):
    from search.models import SearchDocument

    return (*rows_version(SearchDocument.objects), id(lexicon))


def _read_vocabulary(lexicon) -> Vocabulary:
    from search.models import SearchDocument

    rows = SearchDocument.objects.values_list("title", "summary").iterator()
    return build_vocabulary((f"{title} {summary}" for title, summary in rows), lexicon.terms())


_copy = RereadCopy(version=_documents_version, build=_read_vocabulary)


def get_vocabulary(lexicon) -> Vocabulary:
    return _copy.get(lexicon)


forget_vocabulary = _copy.forget
