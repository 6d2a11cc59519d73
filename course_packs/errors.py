"""Errors that point a pack author at the file, field and line to fix."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PackError:
    file: str
    message: str
    field: str = ""
    line: int | None = None

    def __str__(self):
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.message}"


class PackInvalid(Exception):
    """Raised when a pack has errors; nothing is written when this is raised."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))
