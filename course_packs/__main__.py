"""Command line: ``python -m course_packs validate PATH`` and ``extract PATH``.

Needs no Django and no database.
"""

import argparse
import sys

from course_packs.catalogue_files import write_catalogue
from course_packs.reader import load_pack
from course_packs.validator import validate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_packs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a pack and print every problem")
    check.add_argument("path")
    extract = commands.add_parser(
        "extract", help="write a PO file for translators with the pack's translatable strings"
    )
    extract.add_argument("path")
    extract.add_argument("--language", required=True, help="a language the pack declares, e.g. ur")
    extract.add_argument("--output", default="messages.po", help="file name inside locale/<language>/")
    extract.add_argument("--only", default="*", help="only items from files matching this pattern, e.g. 'lessons/*'")
    arguments = parser.parse_args(argv)

    pack = load_pack(arguments.path)
    if not pack.errors:
        validate(pack)
    for warning in pack.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if pack.errors:
        for error in pack.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"{arguments.path}: {len(pack.errors)} error(s)", file=sys.stderr)
        return 1
    if arguments.command == "extract":
        written = write_catalogue(pack, arguments.language, arguments.output, arguments.only)
        print(f"wrote {written}")
        return 0
    manifest = pack.manifest
    print(
        f"{arguments.path}: valid pack {manifest.id} {manifest.version}: "
        f"{len(pack.sections)} guide sections, {len(pack.courses)} courses, {len(pack.lessons)} lessons, "
        f"{len(pack.quizzes)} quizzes, {len(pack.contacts)} contacts; languages {', '.join(manifest.languages)}"
    )
    for language, catalogue in sorted(pack.catalogues.items()):
        print(f"  {language}: {len(catalogue.messages)} translated strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
