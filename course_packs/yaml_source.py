"""Loading YAML with line numbers, so schema errors can name the line to fix.

Pack YAML is plain data, so the loader is stricter than yaml.safe_load: anchors and aliases
(``&name``, ``*name``) are refused, because a few lines of aliases can expand into billions of
nodes (a "billion laughs" bomb) and packs never need them; and the node count and nesting depth
are capped, because composing and constructing a document is recursive.

Those checks run on the parser's event stream, before any node is built: the parser keeps its
own stack, so a hostile file cannot make it recurse. Only a document that passes is composed and
constructed. Both passes use libyaml (PyYAML's C loader) when it is installed, which reads a
large pack several times faster, and the pure-Python loader otherwise; they accept the same YAML.
"""

from dataclasses import dataclass

import yaml

MAX_YAML_BYTES = 1_000_000
MAX_YAML_NODES = 50_000  # keys and values; 18 contacts are about 430, a 30-question quiz about 1,000
MAX_YAML_DEPTH = 20  # packs nest six levels: a quiz, its questions, one, its choices, one, a field


class YamlProblem(Exception):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


# The C loader (libyaml) when PyYAML was built with it; both are safe loaders (plain data only).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)
_COLLECTION_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_events(text: str, first_line: int) -> None:
    """Refuse anchors and aliases, more than MAX_YAML_NODES values and nesting deeper than MAX_YAML_DEPTH.

    Every node of the document is one event (a scalar, the start of a sequence or mapping, or an
    alias), so counting events counts the nodes composing would build.
    """
    nodes = depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _COLLECTION_END):
            depth -= 1
            continue
        if not isinstance(event, _NODE_EVENTS):
            continue
        line = first_line + event.start_mark.line
        if isinstance(event, yaml.AliasEvent) or event.anchor:
            raise YamlProblem("YAML anchors and aliases (&, *) are not allowed; write the value out", line)
        nodes += 1
        if nodes > MAX_YAML_NODES:
            raise YamlProblem(f"YAML has more than {MAX_YAML_NODES} values", line)
        if depth >= MAX_YAML_DEPTH:
            raise YamlProblem(f"YAML nests deeper than {MAX_YAML_DEPTH} levels", line)
        if isinstance(event, _COLLECTION_START):
            depth += 1


@dataclass
class YamlDocument:
    data: object
    node: yaml.Node | None
    first_line: int  # line of the document's first line within its file

    def line_of(self, location) -> int | None:
        """The file line of the value at a pydantic error location, as near as can be found."""
        node = self.node
        for step in location:
            if isinstance(node, yaml.MappingNode):
                match = next((value for key, value in node.value if key.value == step), None)
                if match is None:
                    break
                node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                break
        if node is None:
            return None
        return self.first_line + node.start_mark.line


def load_yaml(text: str, first_line: int = 1) -> YamlDocument:
    if len(text.encode()) > MAX_YAML_BYTES:
        raise YamlProblem(f"YAML is larger than {MAX_YAML_BYTES} bytes")
    try:
        _check_events(text, first_line)
        # The node tree gives line numbers, and the data is constructed from it.
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise YamlProblem(f"invalid YAML: {error.problem}", first_line + mark.line if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}") from None
    return YamlDocument(data, node, first_line)


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split a Markdown file into (front matter, its first line, body, the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise YamlProblem("a Markdown file must start with '---' and a YAML front matter block", 1)
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    raise YamlProblem("the front matter block is never closed with '---'", 1)
