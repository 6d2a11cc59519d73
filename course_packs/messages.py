"""The translatable strings of a pack, with the PO context each one travels under.

Contexts are ``<item key>:<field>``; body text contributes one message per paragraph,
heading, list item, key fact, and image alt text and caption, all under ``<item key>:body``.
"""

from dataclasses import dataclass
from functools import lru_cache

from course_packs.markdown import image_directive, inline_segments, key_facts, split_body

ITEM_TEXT_FIELDS = {
    "Guide": ("title", "summary"),
    "GuideSection": ("title", "summary"),
    "Course": ("title", "summary"),
    "Lesson": ("title", "summary"),
    "Quiz": ("title",),
    "Contact": ("organisation", "city", "description", "address", "hours"),
}


@dataclass(frozen=True)
class Message:
    context: str
    msgid: str
    file: str
    line: int | None = None
    markdown: bool = False  # the msgid is inline Markdown (body text), not plain text


def pack_messages(pack) -> list[Message]:
    messages = []
    for document in pack.items():
        messages.extend(item_messages(document))
    return messages


def item_messages(document) -> list[Message]:
    meta = document.meta
    messages = []
    for name in ITEM_TEXT_FIELDS[type(meta).__name__]:
        value = getattr(meta, name)
        if value:
            messages.append(Message(f"{meta.key}:{name}", value, document.path))
    if type(meta).__name__ == "Quiz":
        for question in meta.questions:
            prefix = f"{meta.key}:{question.key}"
            messages.append(Message(f"{prefix}.prompt", question.prompt, document.path))
            if question.story:
                messages.append(Message(f"{prefix}.story", question.story, document.path))
            for choice in question.choices:
                messages.append(Message(f"{prefix}.{choice.key}.text", choice.text, document.path))
                messages.append(Message(f"{prefix}.{choice.key}.feedback", choice.feedback, document.path))
    if document.body:
        messages.extend(body_messages(document))
    return messages


def body_messages(document) -> list[Message]:
    return list(_body_messages(document.key, document.path, document.body, document.body_first_line))


# Validation, the readability check, the upgrade plan (once per language) and the translation of
# each unit all ask for the same bodies' messages; parsing the Markdown is the costly part. Bounded:
# a web process keeps only the most recent packs' messages.
@lru_cache(maxsize=4096)
def _body_messages(key: str, path: str, body: str, body_first_line: int) -> tuple[Message, ...]:
    context = f"{key}:body"
    messages = []
    for chunk in split_body(body).chunks:
        first_line = body_first_line + chunk.first_line - 1
        if chunk.kind == "key-facts":
            facts, _ = key_facts(chunk.markdown, first_line)
            for fact in facts:
                messages.append(Message(context, fact.label, path, fact.line))
                messages.append(Message(context, fact.value, path, fact.line))
        elif chunk.kind == "image":
            image, _ = image_directive(chunk.markdown, first_line)
            if image:
                messages.extend(Message(context, text, path, image.line) for text in (image.alt, image.caption) if text)
        else:
            for segment in inline_segments(chunk.markdown, first_line):
                messages.append(Message(context, segment.text, path, segment.line, markdown=True))
    return tuple(messages)
