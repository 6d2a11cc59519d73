"""From a pack's PO messages to wagtail-localize's segment strings.

wagtail-localize identifies a translatable string by its HTML form (``&`` as ``&amp;``, links as
``<a id="a1">``). Pack translations are Markdown or plain text. For each message of an item this
renders source and translation the way the CMS stores them and pairs the resulting segments.
"""

from wagtail_localize.strings import StringValue, extract_strings

from course_packs.markdown import render_inline
from course_packs.messages import item_messages


def segment_translations(document, catalogue) -> dict[str, str]:
    """``{source segment: translated segment}`` for one pack item in one language."""
    mapping = {}
    for message in item_messages(document):
        translated = catalogue.get(message.context, message.msgid)
        if not translated:
            continue
        if message.markdown:
            source_strings = _html_strings(message.msgid)
            target_strings = _html_strings(translated)
            if len(source_strings) == len(target_strings):
                mapping.update(zip(source_strings, target_strings, strict=True))
        else:
            mapping[StringValue.from_plaintext(message.msgid).data] = StringValue.from_plaintext(translated).data
    return mapping


def _html_strings(inline_markdown) -> list[str]:
    _, strings = extract_strings(f"<p>{render_inline(inline_markdown)}</p>")
    return [string.data for string, _ in strings]
