"""Loading YAML with line numbers, so schema errors can name the line to fix."""

from dataclasses import dataclass

import yaml

MAX_YAML_BYTES = 1_000_000


class YamlProblem(Exception):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


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
        # One parse: the node tree gives line numbers, and the data is constructed from it.
        loader = yaml.SafeLoader(text)
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
