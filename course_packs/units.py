"""A pack as the pieces of content it installs, and fingerprints to tell what changed between versions.

A unit is one page or one contact: the guide, a guide section, a course, a lesson (with the quiz
shown on it) or a contact. Units are what an upgrade adds, changes, keeps or removes, and what
learners' progress and editors' translations are attached to, by the unit's stable key.
"""

import hashlib
import json
from dataclasses import dataclass

from course_packs.markdown import image_directive, split_body
from course_packs.messages import item_messages

UNIT_KINDS = ("guide", "section", "course", "lesson", "contact")


@dataclass(frozen=True)
class Unit:
    kind: str
    key: str
    parent: str | None  # the key of the unit it sits under (a lesson's course), None at the top
    documents: tuple  # the pack documents whose content it carries: the item, then a lesson's quiz
    media: tuple = ()  # (name, SHA-256) of the images its body shows, so a replaced picture is a change

    @property
    def document(self):
        return self.documents[0]


def pack_units(pack) -> list[Unit]:
    """Every unit of ``pack``, parents before children, in the order the pack lists them."""

    def unit(kind, document, parent=None, extra=()):
        documents = (document, *extra)
        return Unit(kind, document.key, parent, documents, _media_digests(pack, documents))

    units = []
    if pack.guide:
        units.append(unit("guide", pack.guide))
        units.extend(unit("section", pack.sections[key], pack.guide.key) for key in pack.guide.meta.sections)
    for course in pack.courses.values():
        units.append(unit("course", course))
        for key in course.meta.lessons:
            lesson = pack.lessons[key]
            quiz = (pack.quizzes[lesson.meta.quiz],) if lesson.meta.quiz else ()
            units.append(unit("lesson", lesson, course.key, quiz))
    units.extend(unit("contact", contact) for contact in pack.contacts.values())
    return units


def _media_digests(pack, documents) -> tuple:
    names = []
    for document in documents:
        for chunk in split_body(document.body).chunks if document.body else ():
            if chunk.kind == "image":
                image, _ = image_directive(chunk.markdown)
                names.append(image.file)
    return tuple((name, hashlib.sha256(pack.media[name].path.read_bytes()).hexdigest()) for name in names)


def content_fingerprint(unit: Unit) -> str:
    """Changes when anything the unit shows changes, or it moves to another parent; not when siblings move."""
    content = [unit.kind, unit.parent, [list(pair) for pair in unit.media]]
    for document in unit.documents:
        content.append(document.meta.model_dump(mode="json"))
        content.append(document.body)
    return _digest(content)


def translation_fingerprint(unit: Unit, catalogue) -> str:
    """Changes when the unit's text or its translations into the catalogue's language change."""
    pairs = []
    for document in unit.documents:
        for message in item_messages(document):
            translated = catalogue.get(message.context, message.msgid) if catalogue else None
            pairs.append([message.context, message.msgid, translated or ""])
    return _digest(pairs)


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]
