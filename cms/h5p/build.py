"""Building real .h5p packages from an activity's source folder and the project's own libraries.

An activity's source is a folder with ``h5p.json`` (title, language, mainLibrary, embedTypes) and
``content/content.json`` (plus any media under ``content/``). The package gets every library it
needs from ``LIBRARIES`` (cms/h5p/libraries, MIT), and its h5p.json lists them all as
preloadedDependencies, computed like cms.h5p.package does on upload::

    build_package(Path("plugins/saudi-arabia/h5p-sources/contract-true-false"), Path("out.h5p"))

The zip is written like a course pack's (sorted entries, fixed timestamps) so that the same sources
always give the same bytes, then opened and checked like any upload.
"""

import json
from pathlib import Path

from cms.h5p.package import LIBRARY_FOLDER, LibraryRef, content_library_refs, open_h5p
from course_packs.archive import write_files_zip

LIBRARIES = Path(__file__).resolve().parent / "libraries"


def library_files(root: Path = LIBRARIES) -> dict[LibraryRef, Path]:
    """The library folders under ``root`` by the reference content uses."""
    found = {}
    for folder in sorted(root.iterdir()):
        match = LIBRARY_FOLDER.match(folder.name)
        if folder.is_dir() and match:
            found[LibraryRef(match["name"], int(match["major"]), int(match["minor"]))] = folder
    return found


def _dependencies(folder: Path) -> list[LibraryRef]:
    meta = json.loads((folder / "library.json").read_text("utf-8"))
    return [
        LibraryRef(item["machineName"], item["majorVersion"], item["minorVersion"])
        for item in meta.get("preloadedDependencies", [])
    ]


def needed_libraries(h5p: dict, content: dict, available: dict[LibraryRef, Path]) -> list[LibraryRef]:
    """The closure of libraries the activity needs, dependencies first; KeyError names a missing one."""
    main = max(ref for ref in available if ref.machine_name == h5p["mainLibrary"])
    closure: list[LibraryRef] = []

    def visit(ref: LibraryRef) -> None:
        if ref in closure:
            return
        for dependency in _dependencies(available[ref]):
            visit(dependency)
        closure.append(ref)

    for ref in [main, *content_library_refs(content)]:
        visit(ref)
    return closure


def build_package(source: Path, output: Path, libraries: Path = LIBRARIES) -> Path:
    """Write the .h5p package of the activity in ``source`` to ``output``; return ``output``."""
    h5p = json.loads((source / "h5p.json").read_text("utf-8"))
    content = json.loads((source / "content" / "content.json").read_text("utf-8"))
    media = {
        path.relative_to(source / "content").as_posix(): path.read_bytes()
        for path in sorted((source / "content").rglob("*"))
        if path.is_file() and not path.name.startswith(".") and path.name != "content.json"
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    write_files_zip(package_files(h5p, content, media, libraries), output)
    with open_h5p(output):  # check it like an upload; PackInvalid says what is wrong
        pass
    return output


def package_files(h5p: dict, content: dict, media: dict[str, bytes] | None = None, libraries: Path = LIBRARIES):
    """The files of the package (zip name -> bytes): h5p.json with every needed library listed, content, libraries."""
    available = library_files(libraries)
    closure = needed_libraries(h5p, content, available)
    h5p = {**h5p, "preloadedDependencies": [ref.as_dependency() for ref in closure]}
    files = {
        "h5p.json": (json.dumps(h5p, indent=2, ensure_ascii=False) + "\n").encode(),
        "content/content.json": (json.dumps(content, indent=2, ensure_ascii=False) + "\n").encode(),
    }
    files.update({f"content/{name}": data for name, data in (media or {}).items()})
    for ref in closure:
        folder = available[ref]
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[f"{ref.folder}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files
