"""Rich-text HTML back to pack Markdown: the inverse of ``course_packs.markdown.render_markdown``.

The CMS keeps rich text as HTML in the vocabulary of its editor features (``p``, ``h2``-``h4``,
``ul``/``ol``/``li``, ``b``, ``i``, ``a href``, ``br``). Exporting a pack turns that HTML into the
pack's Markdown so that rendering the Markdown gives the same HTML again, and so that every
paragraph, heading and list item stays one message (see ``course_packs.messages``).

Text is escaped wherever Markdown would read it as syntax (``*``, ``[``, a leading ``#`` or
``1.``, an entity-like ``&amp;``, a ``:::`` line...). Three things cannot survive, on purpose:
a ``<br>`` becomes a space (a pack message is one line), a link whose address the dialect refuses
(``javascript:``, a relative address without ``base_url``) keeps only its text, and any other tag
keeps only its text. Nothing here needs Django.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

from course_packs.markdown import ALLOWED_LINK, normalise_inline

_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "embed", "source"}
_LIST_TAGS = {"ul", "ol"}
_HEADING_LEVELS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}  # the dialect has ## to ####
_BLOCK_TAGS = {"p", "div", "blockquote", "pre", "li", *_LIST_TAGS, *_HEADING_LEVELS}

# Characters Markdown reads as inline syntax anywhere in a run of text.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<])")
# An "&" that starts something Markdown would decode as an entity (&amp; &#123; &#x1F;).
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What Markdown reads as block syntax at the start of a line: headings, quotes, list markers,
# fences, thematic breaks and the pack's own ``:::`` directives.
_LINE_START_SPECIAL = re.compile(r"^([#>+\-~:=|])")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


@dataclass
class _Element:
    tag: str
    attributes: dict = field(default_factory=dict)
    children: list = field(default_factory=list)  # _Element or str


class _TreeBuilder(HTMLParser):
    """A forgiving parse into a small tree: unclosed tags are closed by their parent's end tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("root")
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in _VOID_TAGS:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(_Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def html_to_markdown(html: str, base_url: str = "") -> str:
    """The pack Markdown of rich-text ``html``; relative link addresses are resolved against ``base_url``."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return "\n\n".join(_Writer(base_url).blocks(builder.root.children))


class _Writer:
    def __init__(self, base_url):
        self.base_url = base_url

    def blocks(self, nodes) -> list[str]:
        """Markdown blocks, one per paragraph, heading or list; loose inline content becomes a paragraph."""
        blocks, loose = [], []
        previous_list = None  # (tag, marker) of the list just written, to keep the next one apart

        def flush_loose():
            text = self.inline(loose)
            if text:
                blocks.append(_escape_line_start(text))
            loose.clear()

        for node in nodes:
            if isinstance(node, str) or node.tag not in _BLOCK_TAGS:
                loose.append(node)
                continue
            flush_loose()
            if node.tag in _LIST_TAGS:
                # CommonMark joins two lists of the same kind separated by a blank line; a different
                # marker keeps them apart.
                marker = _list_marker(node.tag, previous_list)
                lines = self.list_lines(node, marker, "")
                if lines:
                    blocks.append("\n".join(lines))
                    previous_list = (node.tag, marker)
                continue
            previous_list = None
            if node.tag in _HEADING_LEVELS:
                text = self.inline(node.children)
                if text:
                    blocks.append("#" * _HEADING_LEVELS[node.tag] + " " + _escape_heading_end(_escape_line_start(text)))
            else:
                blocks.extend(self.blocks(node.children))
        flush_loose()
        return blocks

    def list_lines(self, element, marker, indent) -> list[str]:
        lines = []
        number = 0
        for item in element.children:
            if isinstance(item, str) or item.tag != "li":
                continue  # whitespace between items
            nested, content = [], []
            for child in item.children:
                (nested if isinstance(child, _Element) and child.tag in _LIST_TAGS else content).append(child)
            text = self.inline(content)
            if not text and not nested:
                continue
            number += 1
            prefix = marker if element.tag == "ul" else f"{number}{marker}"
            prefix += " "
            lines.append(f"{indent}{prefix}{_escape_line_start(text)}".rstrip())
            previous = None
            for child in nested:
                child_marker = _list_marker(child.tag, previous)
                lines.extend(self.list_lines(child, child_marker, indent + " " * len(prefix)))
                previous = (child.tag, child_marker)
        return lines

    def inline(self, nodes) -> str:
        return normalise_inline("".join(self.inline_node(node) for node in nodes))

    def inline_node(self, node) -> str:
        if isinstance(node, str):
            return _escape_text(re.sub(r"\s+", " ", node))
        if node.tag == "br":
            return " "
        inner = "".join(self.inline_node(child) for child in node.children)
        if node.tag in ("b", "strong"):
            return _wrap(inner, "**", "**")
        if node.tag in ("i", "em"):
            return _wrap(inner, "*", "*")
        if node.tag == "a":
            address = self.link_address(node.attributes.get("href", ""))
            if address:
                return _wrap(inner, "[", f"]({address})")
        if node.tag in _BLOCK_TAGS:
            return f" {inner} "  # a paragraph inside a list item: keep the words apart
        return inner

    def link_address(self, href: str) -> str | None:
        href = href.strip()
        if self.base_url and href and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
            href = urljoin(self.base_url, href)
        if not ALLOWED_LINK.match(href):
            return None
        href = href.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace(" ", "%20")
        return _ENTITY_LIKE.sub(r"\\&", href)


def _wrap(inner: str, opening: str, closing: str) -> str:
    """Markup around ``inner``, with its outer spaces moved outside (``** bold**`` is not bold)."""
    stripped = inner.strip()
    if not stripped:
        return inner
    leading = inner[: len(inner) - len(inner.lstrip())]
    trailing = inner[len(inner.rstrip()) :]
    return f"{leading}{opening}{stripped}{closing}{trailing}"


def _list_marker(tag: str, previous: tuple[str, str] | None) -> str:
    first, second = ("-", "*") if tag == "ul" else (".", ")")
    if previous and previous[0] == tag and previous[1] == first:
        return second
    return first


def _escape_text(text: str) -> str:
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    # "](" would still read as the middle of a link to the pack validator, which counts links by it.
    text = text.replace("\\](", "\\]\\(")
    return _ENTITY_LIKE.sub(r"\\&", text)


def _escape_line_start(text: str) -> str:
    text = _ORDERED_MARKER.sub(r"\1\\\2", text)
    return _LINE_START_SPECIAL.sub(r"\\\1", text)


def _escape_heading_end(text: str) -> str:
    # A heading's trailing "#"s are a closing sequence in Markdown, not text.
    return re.sub(r"#$", r"\\#", text)
