"""H5P content in other languages: wagtail-localize translates its text fields, found through semantics.json.

Each activity has a ContentText in its source language holding content.json with its main library;
wagtail-localize makes one per language it is translated into (the usual "Translate" action on the
snippet, or PO files). Its segments are the text fields (cms.h5p.semantics), with paths such as
``answers.0.text``; H5P tokens (``@score``, ``*blank*``) must survive or the source text stays.
The player is served content.json per language (``parameters_in``). Results count for one activity
whatever the language: every language shares the Content and its activity IRI::

    text = source_text(content)               # made or refreshed when a package is stored
    parameters_in(content, "ur")              # the Urdu content.json, or the source's
"""

import uuid

from wagtail.models import Locale
from wagtail_localize.segments import StringSegmentValue

from cms.h5p.models import Content, ContentText
from cms.h5p.package import LIBRARY_STRING, LibraryRef
from cms.h5p.semantics import text_fields, with_texts

TEXT_KEY_NAMESPACE = uuid.UUID("6b0e0f55-28c1-4a63-9a4e-2a3f0c7de1b9")


def semantics_of(library: str) -> list | None:
    """The semantics of a library string such as "Rahnuma.FlipCards 1.1", from the stored library."""
    from cms.h5p.storage import installed_library  # imports this module's models

    match = LIBRARY_STRING.match(library or "")
    if not match:
        return None
    found = installed_library(LibraryRef(match["name"], int(match["major"]), int(match["minor"])))
    return found.semantics if found else None


def text_segments(value) -> list[StringSegmentValue]:
    if not isinstance(value, dict):
        return []
    semantics = semantics_of(value.get("library")) or []
    return [
        StringSegmentValue(path, text) for path, text in text_fields(semantics, value.get("params", {}), semantics_of)
    ]


def restore_text_segments(value, segments) -> dict:
    texts = {segment.path: segment.string.render_text() for segment in segments}
    return {**value, "params": with_texts(value.get("params", {}), texts)}


def source_text(content: Content) -> ContentText | None:
    """The activity's texts in its source language (made or brought up to date); None without that locale."""
    locale = Locale.objects.filter(language_code=content.language).first()
    if locale is None:
        return None
    main = content.main_library
    value = {"library": f"{main.machine_name} {main.major_version}.{main.minor_version}", "params": content.parameters}
    text, _ = ContentText.objects.update_or_create(
        content=content,
        locale=locale,
        defaults={"parameters": value, "translation_key": uuid.uuid5(TEXT_KEY_NAMESPACE, str(content.public_id))},
    )
    return text


def parameters_in(content: Content, language: str) -> dict:
    """content.json in ``language``: its translation when there is one, else the source's."""
    if language != content.language:
        text = ContentText.objects.filter(content=content, locale__language_code=language).first()
        if text is not None:
            return text.parameters.get("params", content.parameters)
    return content.parameters
