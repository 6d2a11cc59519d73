"""Pack documents made from a site's pages and contacts: the other half of ``cms.packs.content``.

Fields become the pack's YAML fields; a body's blocks become pack Markdown: rich text through
``course_packs.html_markdown``, callouts and key facts as ``:::`` blocks, images as ``::: image``
blocks naming a ``media/`` file, and a lesson's quiz a quiz document of its own. Values a pack
cannot hold are collected as problems naming the item and the field, never silently dropped.
"""

import re
from pathlib import Path

from django.utils.text import slugify
from pydantic import ValidationError
from wagtail.rich_text import expand_db_html

from cms.h5p.models import LessonActivity
from cms.learning.blocks import QUIZ_BLOCK
from course_packs import schema
from course_packs.errors import PackError
from course_packs.html_markdown import html_to_markdown
from course_packs.reader import Document
from course_packs.units import Unit
from course_packs.writer import item_path

# A key-fact line is "- Label: value", so a label cannot hold ":". A translated label may, and
# travels through the translated document (only read for its messages) as this private-use
# character, turned back into ":" when paired with the source.
LABEL_COLON = "\ue000"


class _Unexportable(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


class DocumentBuilder:
    """Pack documents from pages and contacts; problems are collected, not raised one by one.

    ``base_url`` resolves links to the site's own pages; ``pack_id`` recognises the images the
    pack installed (titled "<pack id>: media/<name>"), which keep their media names. Every image
    shown gets a name in ``images``. ``translated`` builds documents of translated copies, which
    are only read for their messages.
    """

    def __init__(self, base_url: str, pack_id: str, *, translated: bool = False):
        self.base_url = base_url
        self.translated = translated
        self.installed_image = re.compile(rf"{re.escape(pack_id)}: (media/[^/]+)")
        self.images = {}  # media name -> Wagtail image
        self.pack_id = pack_id
        self.activities = None  # lesson key -> LessonActivity, read when the first lesson is built
        self.problems: list[PackError] = []

    def unit(self, unit: Unit, instance) -> tuple:
        """The documents of ``unit`` made from ``instance`` (a translated copy), in the unit's order."""
        meta = unit.document.meta
        if unit.kind == "guide":
            return (self.guide(instance, meta.sections),)
        if unit.kind == "course":
            return (self.course(instance, meta.lessons),)
        if unit.kind == "section":
            return (self.section(instance),)
        if unit.kind == "lesson":
            lesson, quiz = self.lesson(instance)
            return (lesson, quiz) if len(unit.documents) > 1 else (lesson,)
        return (self.contact(instance),)

    def meta(self, model, data: dict, where: str):
        try:
            return model.model_validate(data)
        except ValidationError as invalid:
            for problem in invalid.errors():
                field_name = ".".join(str(step) for step in problem["loc"])
                self.problems.append(PackError(where, problem["msg"], field_name))
            return None

    def document(self, model, data, where, body="") -> Document | None:
        meta = self.meta(model, data, where)
        return Document(item_path(meta), meta, body) if meta else None

    def describe(self, instance) -> str:
        kind = instance._meta.verbose_name
        return f"{kind} {instance.pack_key!r} ({instance.locale.language_code}, id {instance.pk})"

    def guide(self, page, section_keys) -> Document | None:
        data = {"key": page.pack_key, "title": page.title, "summary": page.summary, "sections": section_keys}
        return self.document(schema.Guide, data, self.describe(page))

    def course(self, page, lesson_keys) -> Document | None:
        data = {"key": page.pack_key, "title": page.title, "summary": page.summary, "lessons": lesson_keys}
        return self.document(schema.Course, data, self.describe(page))

    def section(self, page) -> Document | None:
        data = {
            "key": page.pack_key,
            "topic": page.topic,
            "title": page.title,
            "summary": page.summary,
            "sources": _sources(page),
            "last_verified": page.last_verified,
            "owner": page.content_owner,
            "courses": page.course_keys,
        }
        body = self.body(page)
        return self.document(schema.GuideSection, data, self.describe(page), body) if body is not None else None

    def lesson(self, page) -> tuple[Document | None, Document | None]:
        where = self.describe(page)
        quizzes = [block.value for block in page.body if block.block_type == QUIZ_BLOCK]
        if len(quizzes) > 1:
            self.problems.append(PackError(where, f"has {len(quizzes)} quizzes; a pack lesson has at most one", "body"))
        quiz = self.document(schema.Quiz, _quiz_data(quizzes[0]), where) if quizzes else None
        data = {
            "key": page.pack_key,
            "title": page.title,
            "summary": page.summary,
            "minutes": page.minutes,
            "quiz": quiz.key if quiz else None,
            "h5p": self.activity(page.pack_key),
            "sources": _sources(page),
            "last_verified": page.last_verified,
        }
        body = self.body(page)
        lesson = self.document(schema.Lesson, data, where, body) if body is not None else None
        return lesson, quiz

    def activity(self, lesson_key: str) -> dict | None:
        """The lesson's H5P activity as its front matter names it (the package file is the exporter's job)."""
        if self.activities is None:
            found = LessonActivity.objects.filter(pack_id=self.pack_id).select_related("content")
            self.activities = {activity.lesson_key: activity for activity in found}
        activity = self.activities.get(lesson_key)
        if activity is None:
            return None
        return {"file": activity.content.key, "required": activity.required, "pass_mark": activity.pass_mark}

    def contact(self, contact) -> Document | None:
        data = {
            "key": contact.pack_key,
            "organisation": contact.organisation,
            "kind": contact.kind,
            "country": contact.country,
            "city": contact.city or None,
            "description": contact.description or None,
            "phones": contact.phone_numbers,
            "whatsapp": contact.whatsapp or None,
            "email": contact.email or None,
            "website": contact.website or None,
            "address": contact.address or None,
            "hours": contact.hours or None,
            "languages_spoken": [code.strip() for code in contact.languages_spoken.split(",") if code.strip()],
            "source": {"title": contact.source_title, "url": contact.source_url},
            "last_verified": contact.last_verified,
        }
        return self.document(schema.Contact, data, self.describe(contact))

    def body(self, page) -> str | None:
        try:
            return self.body_markdown(page.body)
        except _Unexportable as problem:
            self.problems.append(PackError(self.describe(page), problem.message, problem.field))
            return None

    def body_markdown(self, stream) -> str:
        """The pack Markdown of a body; quizzes are documents of their own and left out."""
        chunks, rich_text = [], []

        def flush_rich_text():
            # Neighbouring rich-text blocks are one run of Markdown in a pack (and one block once installed).
            if rich_text:
                chunks.append(self.markdown("".join(rich_text)))
                rich_text.clear()

        for block in stream:
            if block.block_type == "rich_text":
                rich_text.append(block.value.source)
                continue
            flush_rich_text()
            if block.block_type == "callout":
                text = self.markdown(block.value["text"].source)
                chunks.append(f"::: {block.value['style']}\n{text}\n:::" if text else "")
            elif block.block_type == "key_facts":
                lines = [f"- {self.label(fact['label'])}: {fact['value'].strip()}" for fact in block.value]
                chunks.append("::: key-facts\n" + "\n".join(lines) + "\n:::")
            elif block.block_type == "image":
                chunks.append(self.image_block(block.value))
            elif block.block_type != QUIZ_BLOCK:
                raise _Unexportable("body", f"a {block.block_type!r} block cannot be written in a pack")
        flush_rich_text()
        return "\n\n".join(chunk for chunk in chunks if chunk)

    def markdown(self, html: str) -> str:
        return html_to_markdown(expand_db_html(html), self.base_url)

    def image_block(self, value) -> str:
        if value["image"] is None:
            raise _Unexportable("body", "an image block shows an image that was deleted")
        lines = [f"file: {self.media_name(value['image'])}", f"alt: {value['alt_text'].strip()}"]
        if value["caption"].strip():
            lines.append(f"caption: {value['caption'].strip()}")
        return "::: image\n" + "\n".join(lines) + "\n:::"

    def media_name(self, image) -> str:
        """The image's name in media/: the one the pack gave it, else one made from its file name."""
        for name, known in self.images.items():
            if known.pk == image.pk:
                return name
        installed = self.installed_image.fullmatch(image.title)
        if installed:
            name = installed[1]
        else:
            path = Path(image.file.name)
            name = f"media/{slugify(path.stem) or 'image'}{path.suffix.lower()}"
        stem, suffix = name.rsplit(".", 1) if "." in name else (name, "")
        number = 1
        while name in self.images:  # two images with the same file name
            number += 1
            name = f"{stem}-{number}.{suffix}" if suffix else f"{stem}-{number}"
        self.images[name] = image
        return name

    def label(self, label: str) -> str:
        label = label.strip()
        if ":" not in label:
            return label
        if self.translated:
            return label.replace(":", LABEL_COLON)
        raise _Unexportable("body", f"the key-fact label {label!r} contains ':', which a pack key fact cannot hold")


def _sources(page) -> list[dict]:
    return [{"title": block.value["title"], "url": block.value["url"]} for block in page.sources]


def _quiz_data(quiz) -> dict:
    return {
        "key": quiz["key"],
        "title": quiz["title"],
        "pass_mark": quiz["pass_mark"],
        "questions": [
            {
                "key": question["key"],
                "type": question["question_type"],
                "prompt": question["prompt"],
                "story": question["story"] or None,
                "choices": [
                    {
                        "key": choice["key"],
                        "text": choice["text"],
                        "correct": bool(choice["correct"]),
                        "feedback": choice["feedback"],
                    }
                    for choice in question["choices"]
                ],
            }
            for question in quiz["questions"]
        ],
    }
