"""Writing a pack folder from pack documents and translation catalogues: the reader's inverse.

Used to export what a site holds as a pack (``cms.packs.exporter``) and to give translators a PO
file. The output is deterministic, so an exported pack can be compared and kept under version
control: YAML keys in schema order (``yaml.safe_dump``, Unicode as is), items in pack order,
file names from item keys, PO files by ``course_packs.catalogue_files`` with no dates in them.

A pack is written to a temporary folder next to the target, read back and validated, and only
then moved into place: a pack that would not validate is never left behind half-written.
"""

import datetime
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

from course_packs.catalogue_files import write_catalogue
from course_packs.errors import PackError, PackInvalid
from course_packs.reader import Pack, read_pack

# Where each kind of item lives; the guide and the contacts have one file each.
_ITEM_FILES = {
    "Guide": "guide.yaml",
    "GuideSection": "guide/{key}.md",
    "Course": "courses/{key}.yaml",
    "Lesson": "lessons/{key}.md",
    "Quiz": "quizzes/{key}.yaml",
    "Contact": "contacts.yaml",
}


def item_path(meta) -> str:
    """The file an item is written to, e.g. ``lessons/atlantis-contract.md``."""
    return _ITEM_FILES[type(meta).__name__].format(key=meta.key)


def write_pack(pack: Pack, target) -> Path:
    """Write ``pack`` as a folder at ``target`` (absent or empty); raise PackInvalid if it would not validate."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PackInvalid([PackError(str(target), "already exists and is not an empty folder; choose a new one")])
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        laid_out = _laid_out(pack, staging)
        for relative, text in _item_files(laid_out).items():
            _write_text(staging / relative, text)
        files = {**{name: media.path for name, media in pack.media.items()}, **pack.h5p}
        for name, path in sorted(files.items()):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, staging / name)
        for language in laid_out.translation_languages:
            write_catalogue(laid_out, language)
        read_pack(staging)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def catalogue_text(pack: Pack, language: str) -> str:
    """The PO file of ``language`` as written into a pack: every message, translated where the catalogue says."""
    with tempfile.TemporaryDirectory() as folder:
        return write_catalogue(_laid_out(pack, Path(folder)), language).read_text(encoding="utf-8")


def _laid_out(pack: Pack, root: Path) -> Pack:
    """``pack`` rooted at ``root``, each document with the path and body line it has in the written files."""

    def placed(document):
        # A Markdown file is "---", the front matter, "---", then the body.
        front_matter_lines = len(_yaml(document.meta).splitlines())
        return replace(
            document, path=item_path(document.meta), body=document.body.strip(), body_first_line=front_matter_lines + 3
        )

    def placed_group(group):
        return {key: placed(document) for key, document in group.items()}

    return replace(
        pack,
        root=root,
        guide=placed(pack.guide) if pack.guide else None,
        sections=placed_group(pack.sections),
        courses=placed_group(pack.courses),
        lessons=placed_group(pack.lessons),
        quizzes=placed_group(pack.quizzes),
        contacts=placed_group(pack.contacts),
    )


def _item_files(pack: Pack) -> dict[str, str]:
    files = {"pack.yaml": _yaml(pack.manifest)}
    if pack.guide:
        files[pack.guide.path] = _yaml(pack.guide.meta)
    for group in (pack.sections, pack.lessons):
        for document in group.values():
            files[document.path] = f"---\n{_yaml(document.meta)}---\n{document.body}\n"
    for group in (pack.courses, pack.quizzes):
        for document in group.values():
            files[document.path] = _yaml(document.meta)
    if pack.contacts:
        files["contacts.yaml"] = _dump({"contacts": [_plain(document.meta) for document in pack.contacts.values()]})
    return files


def _yaml(meta) -> str:
    return _dump(_plain(meta))


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def _plain(meta) -> dict:
    """A schema model as YAML-ready data: fields in schema order, optional fields left out when unset."""
    return _plain_value(meta.model_dump(mode="python", exclude_defaults=True))


def _plain_value(value):
    if isinstance(value, dict):
        return {key: _plain_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool | datetime.date):
        return value
    return str(value)  # URLs


def _write_text(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
