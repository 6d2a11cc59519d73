"""Walking an activity's content.json against its library's semantics.json to find its texts.

semantics.json is the field schema of content.json: ``text`` fields hold what learners read
(questions, answers, feedback, button labels), ``group`` and ``list`` fields nest them, and a
``library`` field holds sub-content with its own library and semantics. ``text_fields`` yields every
text with its path (``answers.0.text``); ``with_texts`` writes translated texts back by path::

    for path, text in text_fields(semantics, params, semantics_of):
        ...
    translated = with_texts(params, {"question": "..."}, keep_tokens=True)

H5P's own tokens must survive translation: ``@score``-style placeholders and the ``*blank*``
markers of fill-in-the-blanks. A translation that loses or adds one is not used: the source text
stays (``tokens_match``).
"""

import copy
import re
from collections.abc import Callable, Iterator

PLACEHOLDER = re.compile(r"@[A-Za-z][A-Za-z0-9_]*")
BLANK = re.compile(r"\*[^*\s][^*]*\*")

SemanticsOf = Callable[[str], list | None]  # "Machine.Name 1.2" -> its semantics.json


def text_fields(
    semantics: list, params: dict, semantics_of: SemanticsOf, prefix: str = ""
) -> Iterator[tuple[str, str]]:
    """Every non-empty text of ``params`` with its dotted path, in the order of the semantics."""
    for field in semantics or []:
        name = field.get("name")
        if isinstance(params, dict) and name in params:
            yield from _walk(field, params[name], f"{prefix}{name}", semantics_of)


def _walk(field: dict, value, path: str, semantics_of: SemanticsOf) -> Iterator[tuple[str, str]]:
    kind = field.get("type")
    if kind == "text":
        if isinstance(value, str) and value.strip():
            yield path, value
    elif kind == "group":
        fields = field.get("fields", [])
        if isinstance(value, dict):
            yield from text_fields(fields, value, semantics_of, f"{path}.")
        elif len(fields) == 1:  # H5P stores a group of one field as that field's value
            yield from _walk(fields[0], value, path, semantics_of)
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(field.get("field", {}), item, f"{path}.{index}", semantics_of)
    elif kind == "library" and isinstance(value, dict) and isinstance(value.get("library"), str):
        yield from text_fields(
            semantics_of(value["library"]) or [], value.get("params", {}), semantics_of, f"{path}.params."
        )


def tokens_match(source: str, translation: str) -> bool:
    """Whether ``translation`` keeps the source's @placeholders and its number of *blank* markers."""
    return sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)) and len(
        BLANK.findall(source)
    ) == len(BLANK.findall(translation))


def with_texts(params: dict, texts: dict[str, str]) -> dict:
    """A copy of ``params`` with the text at each path of ``texts`` replaced, where its tokens survive."""
    result = copy.deepcopy(params)
    for path, text in texts.items():
        parent, key = _locate(result, path)
        if parent is None or not isinstance(parent[key], str) or not tokens_match(parent[key], text):
            continue
        parent[key] = text
    return result


def _locate(data, path: str):
    """The container and key of ``path`` in ``data``, or (None, None) if the path is not there."""
    steps = path.split(".")
    for step in steps[:-1]:
        data = _step(data, step)
        if data is None:
            return None, None
    last = steps[-1]
    if isinstance(data, list) and last.isdigit() and int(last) < len(data):
        return data, int(last)
    if isinstance(data, dict) and last in data:
        return data, last
    return None, None


def _step(data, step):
    if isinstance(data, list) and step.isdigit() and int(step) < len(data):
        return data[int(step)]
    if isinstance(data, dict):
        return data.get(step)
    return None
