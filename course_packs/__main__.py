"""Command line: ``python -m course_packs validate PATH``, ``extract PATH`` and ``build FOLDER``.

PATH is a pack folder or a zip of one. Needs no Django and no database.
"""

import argparse
import shutil
import sys
from pathlib import Path

from course_packs.archive import pack_folder, write_pack_zip
from course_packs.catalogue_files import write_catalogue
from course_packs.errors import PackInvalid
from course_packs.reader import load_pack
from course_packs.validator import validate


def main(argv=None) -> int:
    arguments = _parser().parse_args(argv)
    path = Path(arguments.path)
    if arguments.command == "build" and not path.is_dir():
        print(f"error: {path}: build needs a pack folder", file=sys.stderr)
        return 1
    try:
        with pack_folder(path) as root:
            pack = load_pack(root)
            if not pack.errors:
                validate(pack)
            for warning in pack.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            if pack.errors:
                raise PackInvalid(pack.errors)
            return COMMANDS[arguments.command](pack, arguments)
    except PackInvalid as invalid:
        for error in invalid.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"{arguments.path}: {len(invalid.errors)} error(s)", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m course_packs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a pack (folder or zip) and print every problem")
    check.add_argument("path")
    extract = commands.add_parser(
        "extract", help="write a PO file for translators with the pack's translatable strings"
    )
    extract.add_argument("path", help="a pack folder, or a zip (the PO file is then written beside the zip)")
    extract.add_argument("--language", required=True, help="a language the pack declares, e.g. ur")
    extract.add_argument("--output", default="messages.po", help="file name inside locale/<language>/")
    extract.add_argument("--only", default="*", help="only items from files matching this pattern, e.g. 'lessons/*'")
    build = commands.add_parser("build", help="check a pack folder and write it as a zip, the same bytes every time")
    build.add_argument("path", metavar="FOLDER")
    build.add_argument("--output", help="the zip to write (default: <pack id>-<version>.zip here)")
    return parser


def _summarise(pack, arguments) -> int:
    manifest = pack.manifest
    print(
        f"{arguments.path}: valid pack {manifest.id} {manifest.version}: "
        f"{len(pack.sections)} guide sections, {len(pack.courses)} courses, {len(pack.lessons)} lessons, "
        f"{len(pack.quizzes)} quizzes, {len(pack.contacts)} contacts, {len(pack.media)} images; "
        f"languages {', '.join(manifest.languages)}"
    )
    for language, catalogue in sorted(pack.catalogues.items()):
        print(f"  {language}: {len(catalogue.messages)} translated strings")
    return 0


def _extract(pack, arguments) -> int:
    written = write_catalogue(pack, arguments.language, arguments.output, arguments.only)
    source = Path(arguments.path)
    if source.is_file():
        # A zip cannot be written into and its unpacked folder is about to be removed: keep the
        # file beside the zip, at the same place inside locale/ it would have in the pack.
        kept = source.parent / written.relative_to(pack.root)
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(written, kept)
        written = kept
    print(f"wrote {written}")
    return 0


def _build(pack, arguments) -> int:
    output = Path(arguments.output or f"{pack.manifest.id}-{pack.manifest.version}.zip")
    if output.resolve().is_relative_to(pack.root.resolve()):
        print(f"error: {output}: write the zip outside the pack folder", file=sys.stderr)
        return 1
    write_pack_zip(pack.root, output)
    print(f"wrote {output}: {pack.manifest.id} {pack.manifest.version}")
    return 0


COMMANDS = {"validate": _summarise, "extract": _extract, "build": _build}


if __name__ == "__main__":
    sys.exit(main())
