"""From a pack's PO messages to wagtail-localize's segment strings.

wagtail-localize identifies a translatable string by its HTML form (``&`` as ``&amp;``, links as
``<a id="a1">``). Pack translations are Markdown or plain text. For each message of an item this
renders source and translation the way the CMS stores them and pairs the resulting segments.
"""

from functools import lru_cache

from wagtail_localize.strings import StringValue, extract_strings

from course_packs.markdown import render_inline
from course_packs.messages import item_messages


def segment_translations(document, catalogue) -> dict[str, str]:
    """``{source segment: translated segment}`` for one pack item in one language."""
    return segment_translations_by_language(document, [catalogue])[catalogue.language]


def segment_translations_by_language(document, catalogues) -> dict[str, dict[str, str]]:
    """``segment_translations`` into each catalogue's language, by language; each source text is converted once."""
    mappings = {catalogue.language: {} for catalogue in catalogues}
    for message in item_messages(document):
        translations = {catalogue.language: catalogue.get(message.context, message.msgid) for catalogue in catalogues}
        translations = {language: text for language, text in translations.items() if text}
        if not translations:
            continue
        if message.markdown:
            source_strings = _html_strings(message.msgid)
            for language, text in translations.items():
                target_strings = _html_strings(text)
                if len(source_strings) == len(target_strings):
                    mappings[language].update(zip(source_strings, target_strings, strict=True))
        else:
            source_string = _plain_string(message.msgid)
            for language, text in translations.items():
                mappings[language][source_string] = _plain_string(text)
    return mappings


# Packs repeat many messages (quiz answers, headings) in every language's catalogue, and converting
# one is a Markdown rendering and a BeautifulSoup parse: the latest 8,192 conversions are kept.
@lru_cache(maxsize=8192)
def _html_strings(inline_markdown: str) -> tuple[str, ...]:
    _, strings = extract_strings(f"<p>{render_inline(inline_markdown)}</p>")
    return tuple(string.data for string, _ in strings)


# What StringValue.from_plaintext changes: it escapes these characters and turns line breaks into
# <br>, then passes the result through BeautifulSoup, which gives text without them back unchanged.
# Most plain strings (titles, answers) have none, and BeautifulSoup is most of their cost.
_PLAIN_TEXT_SPECIALS = frozenset("&<>\"'\n")


def _plain_string(text: str) -> str:
    if _PLAIN_TEXT_SPECIALS.isdisjoint(text):
        return text
    return StringValue.from_plaintext(text).data
