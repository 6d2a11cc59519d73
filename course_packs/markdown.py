"""Lesson and guide text: a small, safe Markdown dialect.

A body is Markdown (CommonMark paragraphs, ``##``-``####`` headings, lists, bold, italic and
links) split into blocks by fenced directives::

    ::: warning
    Never hand over your passport.
    :::

    ::: key-facts
    - Fee cap: Rs 15,000
    :::

    ::: image
    file: media/hard-hat.png
    alt: A worker in a hard hat on scaffolding
    caption: Wear your harness above two metres.
    :::

Images come only through ``::: image`` blocks naming a checked file of the pack's ``media/``
folder (see course_packs.media) with alternative text; Markdown images (``![](...)``), raw HTML,
code and tables are refused by the validator, and rendering escapes HTML and sanitises the result
again, so no markup a pack author writes reaches a learner's browser.

Each paragraph, heading and list item is one translatable message (its inline Markdown),
which matches how wagtail-localize segments rich text, so a pack's PO entries map one-to-one
onto the CMS's translation segments. An image's alt text and caption are plain-text messages.
"""

import re
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt

DIRECTIVE_KINDS = ("warning", "tip", "key-facts", "image")
_OPEN = re.compile(r"^:::\s*([a-z-]+)\s*$")
_CLOSE = re.compile(r"^:::\s*$")
_KEY_FACT = re.compile(r"^[-*]\s+(?P<label>[^:]{1,120}):\s+(?P<value>.+)$")
_IMAGE_LINE = re.compile(r"^(?P<name>[a-z-]+):\s*(?P<value>.*)$")
IMAGE_FIELDS = ("file", "alt", "caption")
MAX_IMAGE_TEXT = 255  # alt text and caption, like every other short text of a pack

ALLOWED_BLOCK_TOKENS = {
    "paragraph_open", "paragraph_close", "heading_open", "heading_close", "inline",
    "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
    "list_item_open", "list_item_close",
}  # fmt: skip
ALLOWED_INLINE_TOKENS = {
    "text", "softbreak", "hardbreak", "strong_open", "strong_close", "em_open", "em_close",
    "link_open", "link_close",
}  # fmt: skip
ALLOWED_HEADINGS = {"h2", "h3", "h4"}
ALLOWED_LINK = re.compile(r"^(https?://|mailto:|tel:)", re.IGNORECASE)

# What survives sanitising: the same vocabulary as the CMS's rich-text features.
SAFE_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "b", "i", "a", "br"}
SAFE_ATTRIBUTES = {"a": {"href"}}
SAFE_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_checker = MarkdownIt("commonmark", {"html": True})
# The checker parses every link, even ones markdown-it would silently show as text (javascript:),
# so that the author is told about them.
_checker.validateLink = lambda url: True
_renderer = MarkdownIt("commonmark", {"html": False})


@dataclass
class Chunk:
    """A run of the body: plain Markdown, or the inside of one directive."""

    kind: str  # "text" or one of DIRECTIVE_KINDS
    markdown: str
    first_line: int  # 1-based line of the chunk's first line within the body


@dataclass
class MarkdownProblem:
    line: int
    message: str


@dataclass
class KeyFact:
    label: str
    value: str
    line: int


@dataclass
class ImageDirective:
    file: str  # a name in the pack's media, e.g. "media/hard-hat.png"
    alt: str  # what the image shows, for people who cannot see it
    caption: str = ""
    line: int = 1  # the block's first line


@dataclass
class Segment:
    text: str
    line: int


@dataclass
class SplitBody:
    chunks: list[Chunk] = field(default_factory=list)
    problems: list[MarkdownProblem] = field(default_factory=list)


def normalise_inline(text: str) -> str:
    """The form of an inline run used as a message id: one line, single spaces."""
    return " ".join(text.split())


def split_body(body: str) -> SplitBody:
    result = SplitBody()
    text_lines: list[str] = []
    text_start = 1
    directive: Chunk | None = None
    directive_lines: list[str] = []

    def flush_text(next_line):
        nonlocal text_lines, text_start
        if "".join(text_lines).strip():
            result.chunks.append(Chunk("text", "\n".join(text_lines), text_start))
        text_lines, text_start = [], next_line

    for number, line in enumerate(body.split("\n"), start=1):
        if directive is None:
            opening = _OPEN.match(line)
            if opening:
                flush_text(number + 1)
                if opening.group(1) not in DIRECTIVE_KINDS:
                    result.problems.append(
                        MarkdownProblem(
                            number, f"unknown block '::: {opening.group(1)}'; use one of {', '.join(DIRECTIVE_KINDS)}"
                        )
                    )
                directive = Chunk(opening.group(1), "", number + 1)
                directive_lines = []
            elif _CLOSE.match(line):
                result.problems.append(MarkdownProblem(number, "':::' closes a block that was never opened"))
            else:
                text_lines.append(line)
        elif _CLOSE.match(line):
            directive.markdown = "\n".join(directive_lines)
            if directive.kind in DIRECTIVE_KINDS:
                result.chunks.append(directive)
            directive = None
            text_start = number + 1
        elif _OPEN.match(line):
            result.problems.append(MarkdownProblem(number, "blocks cannot be nested"))
        else:
            directive_lines.append(line)
    if directive is not None:
        result.problems.append(MarkdownProblem(directive.first_line - 1, f"'::: {directive.kind}' is never closed"))
    flush_text(None)
    return result


def check_markdown(markdown: str, first_line: int = 1) -> list[MarkdownProblem]:
    """Everything in ``markdown`` that the dialect does not allow, with body line numbers."""
    problems = []
    for token in _checker.parse(markdown):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type not in ALLOWED_BLOCK_TOKENS:
            problems.append(MarkdownProblem(line, _refusal(token.type)))
            continue
        if token.type == "heading_open" and token.tag not in ALLOWED_HEADINGS:
            problems.append(MarkdownProblem(line, "use ## to #### for headings (the page title is the only # heading)"))
        for child in token.children or ():
            if child.type not in ALLOWED_INLINE_TOKENS:
                problems.append(MarkdownProblem(line, _refusal(child.type)))
            elif child.type == "link_open" and not ALLOWED_LINK.match(child.attrGet("href") or ""):
                problems.append(
                    MarkdownProblem(
                        line, f"link {child.attrGet('href')!r} must start with https://, http://, mailto: or tel:"
                    )
                )
    return problems


def _refusal(token_type: str) -> str:
    if token_type.startswith("html"):
        return "raw HTML is not allowed in pack Markdown"
    if token_type == "image":
        return "Markdown images are not allowed; use an '::: image' block with file: and alt: lines"
    kind = token_type.removesuffix("_open").replace("_", " ")
    return f"{kind} is not allowed in pack Markdown"


def inline_segments(markdown: str, first_line: int = 1) -> list[Segment]:
    """The translatable messages of a Markdown run, in document order."""
    return [
        Segment(normalise_inline(token.content), first_line + token.map[0])
        for token in _renderer.parse(markdown)
        if token.type == "inline" and token.content.strip()
    ]


def render_markdown(markdown: str, translations: dict[str, str] | None = None) -> str:
    """Render to sanitised rich-text HTML, replacing each inline run by its translation if given."""
    tokens = _renderer.parse(markdown)
    for token in tokens:
        if token.type == "inline":
            source = normalise_inline(token.content)
            text = (translations or {}).get(source) or source
            token.children = _renderer.parseInline(text)[0].children
    html = _renderer.renderer.render(tokens, _renderer.options, {})
    return sanitise(html)


def render_inline(text: str) -> str:
    """One inline run as sanitised HTML without the surrounding paragraph."""
    return sanitise(_renderer.renderInline(text))


def sanitise(html: str) -> str:
    # Wagtail's rich-text storage uses <b>/<i>; Markdown renders <strong>/<em>.
    html = re.sub(r"<(/?)strong>", r"<\1b>", html)
    html = re.sub(r"<(/?)em>", r"<\1i>", html)
    html = nh3.clean(html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, url_schemes=SAFE_URL_SCHEMES, link_rel=None)
    return html.strip()


def key_facts(markdown: str, first_line: int = 1) -> tuple[list[KeyFact], list[MarkdownProblem]]:
    facts, problems = [], []
    for offset, line in enumerate(markdown.split("\n")):
        if not line.strip():
            continue
        match = _KEY_FACT.match(line.strip())
        if match:
            facts.append(KeyFact(match["label"].strip(), match["value"].strip(), first_line + offset))
        else:
            problems.append(MarkdownProblem(first_line + offset, "write each key fact as '- Label: value'"))
    if not facts and not problems:
        problems.append(MarkdownProblem(first_line, "a key-facts block needs at least one fact"))
    return facts, problems


def image_directive(markdown: str, first_line: int = 1) -> tuple[ImageDirective | None, list[MarkdownProblem]]:
    """The ``file:``, ``alt:`` and ``caption:`` lines of an image block; None when file or alt is missing."""
    values: dict[str, str] = {}
    given = set()
    problems = []
    for offset, line in enumerate(markdown.split("\n")):
        if not line.strip():
            continue
        number = first_line + offset
        match = _IMAGE_LINE.match(line.strip())
        if not match or match["name"] not in IMAGE_FIELDS:
            problems.append(MarkdownProblem(number, "an image block holds only 'file:', 'alt:' and 'caption:' lines"))
            continue
        name, value = match["name"], match["value"].strip()
        if name in given:
            problems.append(MarkdownProblem(number, f"'{name}:' is given twice"))
            continue
        given.add(name)
        if not value:
            problems.append(MarkdownProblem(number, f"'{name}:' is empty"))
        elif len(value) > MAX_IMAGE_TEXT:
            problems.append(MarkdownProblem(number, f"'{name}:' is longer than {MAX_IMAGE_TEXT} characters"))
        else:
            values[name] = value
    for name, wanted in (("file", "a 'file: media/...' line"), ("alt", "an 'alt:' line saying what the image shows")):
        if name not in given:
            problems.append(MarkdownProblem(first_line, f"an image block needs {wanted}"))
    if "file" in values and "alt" in values:
        return ImageDirective(values["file"], values["alt"], values.get("caption", ""), first_line), problems
    return None, problems
