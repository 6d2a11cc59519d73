"""Turning a pack item into the raw field values of its page or snippet.

StreamField blocks get ids derived from the item key, so re-importing a pack produces the same
block ids and the wagtail-localize contexts (``body.<block id>``) of translations stay valid.
"""

import uuid

from cms.learning.blocks import QUIZ_BLOCK
from course_packs.markdown import image_directive, key_facts, render_markdown, split_body

BLOCK_NAMESPACE = uuid.UUID("6c1f1c1e-58a5-4c5e-9a52-6a0e1f3c2b10")


def stable_id(*parts) -> str:
    return str(uuid.uuid5(BLOCK_NAMESPACE, "#".join(str(part) for part in parts)))


def body_blocks(document, image_id) -> list[dict]:
    """The StreamField raw data of a guide section or lesson body.

    ``image_id`` maps a pack media name ("media/hard-hat.png") to the id of its Wagtail image.
    """
    blocks = []
    for index, chunk in enumerate(split_body(document.body).chunks):
        block_id = stable_id(document.key, "block", index)
        if chunk.kind == "text":
            blocks.append({"type": "rich_text", "value": render_markdown(chunk.markdown), "id": block_id})
        elif chunk.kind == "key-facts":
            facts, _ = key_facts(chunk.markdown)
            items = [
                {"type": "item", "value": {"label": fact.label, "value": fact.value}, "id": stable_id(block_id, n)}
                for n, fact in enumerate(facts)
            ]
            blocks.append({"type": "key_facts", "value": items, "id": block_id})
        elif chunk.kind == "image":
            image, _ = image_directive(chunk.markdown)
            value = {"image": image_id(image.file), "alt_text": image.alt, "caption": image.caption}
            blocks.append({"type": "image", "value": value, "id": block_id})
        else:
            value = {"style": chunk.kind, "text": render_markdown(chunk.markdown)}
            blocks.append({"type": "callout", "value": value, "id": block_id})
    return blocks


def quiz_block(lesson_key, quiz) -> dict:
    questions = []
    for question in quiz.questions:
        question_id = stable_id(quiz.key, question.key)
        choices = [
            {
                "type": "item",
                "id": stable_id(question_id, choice.key),
                "value": {
                    "key": choice.key,
                    "text": choice.text,
                    "correct": choice.correct,
                    "feedback": choice.feedback,
                },
            }
            for choice in question.choices
        ]
        questions.append(
            {
                "type": "item",
                "id": question_id,
                "value": {
                    "key": question.key,
                    "question_type": question.type,
                    "story": question.story or "",
                    "prompt": question.prompt,
                    "choices": choices,
                },
            }
        )
    value = {"key": quiz.key, "title": quiz.title, "pass_mark": quiz.pass_mark, "questions": questions}
    return {"type": QUIZ_BLOCK, "value": value, "id": stable_id(lesson_key, "quiz", quiz.key)}


def source_blocks(sources) -> list[dict]:
    return [
        {"type": "source", "value": {"title": source.title, "url": str(source.url)}, "id": stable_id(source.url)}
        for source in sources
    ]
