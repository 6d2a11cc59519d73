"""The text a page is read aloud from: its title, summary and body, as sentences.

Rich text loses its markup, but each heading, paragraph and list item stays a sentence of its own
(espeak-ng runs lines together unless they end in punctuation, so a heading would run into the
paragraph after it). A quiz is left out: read aloud before the learner answers it, it would only
list the choices. Pictures are read by their captions. The text is bounded: a page longer than
MAX_SPOKEN_CHARACTERS (about twelve minutes of speech) is read up to the last sentence that fits.
"""

import re
from html import unescape

from django.utils.html import strip_tags

from cms.learning.blocks import QUIZ_BLOCK

MAX_SPOKEN_CHARACTERS = 12_000
_SENTENCE_END = tuple(".!?:;۔؟")  # Latin and Urdu full stops and question marks
_BLOCK_END = re.compile(r"</(p|h\d|li|blockquote)>|<br\s*/?>", flags=re.IGNORECASE)


def spoken_text(page) -> str:
    """What ``page`` (a guide section or a lesson) says when read aloud, at most MAX_SPOKEN_CHARACTERS long."""
    sentences = [page.title, page.summary]
    for block in page.body:
        if block.block_type != QUIZ_BLOCK:
            sentences.extend(_block_sentences(block.block_type, block.value))
    return _bounded(" ".join(_as_sentence(sentence) for sentence in sentences if sentence and sentence.strip()))


def _block_sentences(block_type: str, value) -> list[str]:
    if block_type == "rich_text":
        return _rich_text_sentences(value.source)
    if block_type == "callout":
        return _rich_text_sentences(value["text"].source)
    if block_type == "key_facts":
        return [f"{fact['label']}: {fact['value']}" for fact in value]
    if block_type == "image":
        return [value["caption"]]
    return []


def _rich_text_sentences(html: str) -> list[str]:
    return unescape(strip_tags(_BLOCK_END.sub("\n", html))).splitlines()


def _as_sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(_SENTENCE_END) else f"{text}."


def _bounded(text: str) -> str:
    if len(text) <= MAX_SPOKEN_CHARACTERS:
        return text
    cut = text[:MAX_SPOKEN_CHARACTERS]
    last_end = max(cut.rfind(f"{end} ") for end in _SENTENCE_END)
    return cut[: last_end + 1] if last_end > 0 else cut
