"""Result snippets with the matched words marked, HTML-escaped, for both backends.

Words are compared in their analysed form (search.normalise), so a query for "ویزہ" marks "ویزا"
and "visas" marks "visa", whichever backend found the document::

    >>> str(highlight("Check the <b>visa</b> first.", {"visa"}))
    'Check the &lt;b&gt;<mark>visa</mark>&lt;/b&gt; first.'
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.normalise import analyse_word

SNIPPET_LENGTH = 220
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?۔؟])\s+|\n+")


def _matched_terms(text: str, terms: set[str]) -> set[str]:
    # Intersecting with the analysed words as they come keeps the loop in C: snippets read every
    # sentence of every result's body, on every search.
    return terms.intersection(map(analyse_word, _WORD.findall(text)))


def highlight(text: str, terms: set[str]) -> SafeString:
    """``text`` escaped, with every word whose analysed form is in ``terms`` inside <mark>."""
    out = []
    position = 0
    for found in _WORD.finditer(text):
        if analyse_word(found.group()) in terms:
            out.append(escape(text[position : found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            position = found.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # every piece of text was escaped above


def best_passage(text: str, terms: set[str], length: int = SNIPPET_LENGTH) -> str:
    """The sentence (or run of sentences) of ``text`` with the most distinct matched words, about ``length`` long."""
    sentences = [sentence.strip() for sentence in _SENTENCE_END.split(text) if sentence.strip()]
    if not sentences:
        return ""

    start = _best_sentence(sentences, terms)
    passage = sentences[start]
    following = start + 1
    while following < len(sentences) and len(passage) + len(sentences[following]) < length:
        passage = f"{passage} {sentences[following]}"
        following += 1
    if len(passage) > length:
        cut = passage.rfind(" ", 0, length)
        passage = passage[: cut if cut > 0 else length] + " …"
    return passage


def _best_sentence(sentences: list[str], terms: set[str]) -> int:
    """The index of the first sentence with the most distinct matched words."""
    # No sentence matches more words than the whole text does, so the first one that matches all of
    # those ends the search: most bodies are read only up to their first matching sentence.
    reachable = len(_matched_terms(" ".join(sentences), terms))
    best, best_score = 0, 0
    for index, sentence in enumerate(sentences):
        if best_score == reachable:
            break
        score = len(_matched_terms(sentence, terms))
        if score > best_score:
            best, best_score = index, score
    return best


def snippet(summary: str, body: str, terms: set[str]) -> SafeString:
    """The summary if a matched word is in it (or nothing is matched anywhere), else the body's best passage."""
    if not terms or _matched_terms(summary, terms):
        return highlight(best_passage(summary, terms, length=SNIPPET_LENGTH * 2) if summary else "", terms)
    passage = best_passage(body, terms)
    if passage and _matched_terms(passage, terms):
        return highlight(passage, terms)
    return highlight(best_passage(summary, terms, length=SNIPPET_LENGTH * 2), terms)
