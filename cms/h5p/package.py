"""Reading an untrusted .h5p package and checking it against the H5P rules, without Django.

A .h5p file is a zip (see the H5P notes): ``h5p.json`` (title, language, mainLibrary,
preloadedDependencies, embedTypes), ``content/content.json`` (the parameters) and media under
``content/``, and one folder per library named ``Machine.Name-MAJOR.MINOR`` holding
``library.json``, ``semantics.json`` and the library's scripts and styles::

    with open_h5p("quiz.h5p", installed=lambda ref: False) as package:
        package.main, package.closure, package.libraries[ref].digest

The zip goes through the course-pack zip defences (course_packs.archive) with H5P's own caps.
Every problem is collected and raised together as PackInvalid, each naming its file and field.
The libraries the content needs are computed from the content itself (every ``"library":
"Machine.Name 1.2"`` in content.json, h5p.json and each library's preloadedDependencies), not
trusted from h5p.json: exports often list too few. A dependency the package does not carry must
be ``installed`` already. Each library version is identified by a hash of its files, so the same
version with different bytes can be refused by the caller that stores them (cms.h5p.storage).
"""

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from course_packs.archive import ZipLimits, unpacked_zip
from course_packs.errors import PackError, PackInvalid

# Lumi's h5p-server defaults; H5P core itself sets no cap.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 5_000
H5P_LIMITS = ZipLimits(
    noun="H5P package",
    entries=MAX_ENTRIES,
    file_bytes=MAX_FILE_BYTES,
    total_bytes=MAX_TOTAL_BYTES,
    archive_bytes=MAX_TOTAL_BYTES + 2_000_000,
)
MAX_JSON_BYTES = 2_000_000  # h5p.json, content.json, library.json, semantics.json

# The H5P core API this player (h5p-standalone 3.8.2) provides; a library asking for more is refused.
CORE_API = (1, 27)

# Current H5P core's whitelist: content/ takes media and documents only (SVG and XML were removed
# because they can carry script); libraries may add scripts, styles, SVG and XML.
CONTENT_EXTENSIONS = frozenset({
    "json", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "eot", "ttf", "woff", "woff2", "otf",
    "webm", "mp4", "ogg", "mp3", "m4a", "wav", "txt", "pdf", "rtf", "doc", "docx", "xls", "xlsx", "ppt",
    "pptx", "odt", "ods", "odp", "csv", "diff", "patch", "vtt", "webvtt", "gltf", "glb", "md", "textile",
})  # fmt: skip
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css", "svg", "xml"}
EMBED_TYPES = ("div", "iframe")

MACHINE_NAME = re.compile(r"^[A-Za-z0-9_\-.]{1,255}$")
LIBRARY_FOLDER = re.compile(r"^(?P<name>[A-Za-z0-9_\-.]+)-(?P<major>\d+)\.(?P<minor>\d+)$")
LANGUAGE = re.compile(r"^([a-z]{2,3}(-[A-Za-z0-9]+)?|und)$")
LIBRARY_STRING = re.compile(r"^(?P<name>[A-Za-z0-9_\-.]+) (?P<major>\d+)\.(?P<minor>\d+)$")

# First bytes of each media type, so that HTML renamed to .png never reaches a learner.
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "bmp": (b"BM",),
    "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"),
    "pdf": (b"%PDF-",),
    "webm": (b"\x1a\x45\xdf\xa3",),
    "ogg": (b"OggS",),
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    "woff": (b"wOFF",),
    "woff2": (b"wOF2",),
    "ttf": (b"\x00\x01\x00\x00", b"true"),
    "otf": (b"OTTO",),
    "rtf": (b"{\\rtf",),
    "glb": (b"glTF",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
}
_TEXT_EXTENSIONS = {"json", "txt", "csv", "diff", "patch", "vtt", "webvtt", "gltf", "md", "textile"}


@dataclass(frozen=True, order=True)
class LibraryRef:
    """A library version as content refers to it: machine name, major and minor version."""

    machine_name: str
    major: int
    minor: int

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major}.{self.minor}"

    def __str__(self):
        return f"{self.machine_name} {self.major}.{self.minor}"

    def as_dependency(self) -> dict:
        return {"machineName": self.machine_name, "majorVersion": self.major, "minorVersion": self.minor}


@dataclass
class Library:
    """A library folder of the package, checked: its library.json, semantics and file hash."""

    ref: LibraryRef
    patch: int
    meta: dict  # library.json
    semantics: list | None
    folder: Path
    digest: str  # sha256 over the folder's file names and bytes
    dependencies: list[LibraryRef]


@dataclass
class H5PPackage:
    root: Path
    h5p: dict  # h5p.json
    content: dict  # content/content.json
    libraries: dict[LibraryRef, Library] = field(default_factory=dict)  # the ones the package carries
    main: LibraryRef | None = None
    closure: list[LibraryRef] = field(default_factory=list)  # every library the content needs, dependencies first
    content_files: list[str] = field(default_factory=list)  # media under content/, relative to content/

    @property
    def title(self) -> str:
        return self.h5p["title"]


@contextmanager
def open_h5p(path, installed: Callable[[LibraryRef], bool] = lambda ref: False) -> Iterator[H5PPackage]:
    """Unpack and check the .h5p file at ``path``; yield the package. Raises PackInvalid."""
    with unpacked_zip(path, H5P_LIMITS) as folder:
        yield read_h5p(folder, installed, Path(path).name)


def read_h5p(root: Path, installed: Callable[[LibraryRef], bool] = lambda ref: False, name="") -> H5PPackage:
    """Check the unpacked package in ``root``; raise PackInvalid listing every problem."""
    errors: list[PackError] = []
    h5p = _read_json(root, "h5p.json", errors)
    content = _read_json(root, "content/content.json", errors)
    if isinstance(h5p, dict):
        _check_h5p_json(h5p, errors)
    elif h5p is not None:
        errors.append(PackError("h5p.json", "must be a JSON object"))
    if content is not None and not isinstance(content, dict):
        errors.append(PackError("content/content.json", "must be a JSON object"))
    package = H5PPackage(root, h5p if isinstance(h5p, dict) else {}, content if isinstance(content, dict) else {})
    _check_layout(root, package, errors, name)
    if not errors:
        _resolve(package, installed, errors)
    if errors:
        raise PackInvalid(errors)
    return package


def _read_json(root: Path, relative: str, errors: list[PackError]):
    path = root / relative
    if not path.is_file():
        errors.append(PackError(relative, "file is missing"))
        return None
    if path.stat().st_size > MAX_JSON_BYTES:
        errors.append(PackError(relative, f"is larger than {MAX_JSON_BYTES} bytes"))
        return None
    try:
        return json.loads(path.read_text("utf-8"))
    except UnicodeDecodeError:
        errors.append(PackError(relative, "not UTF-8 text"))
    except json.JSONDecodeError as error:
        errors.append(PackError(relative, f"not valid JSON: {error.msg}", line=error.lineno))
    return None


def _text(value, max_length=255) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) <= max_length


def _version_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999


def _dependency_list(value, file: str, field_name: str, errors: list[PackError]) -> list[LibraryRef]:
    """A list of {machineName, majorVersion, minorVersion} as LibraryRefs, recording what is wrong."""
    if not isinstance(value, list):
        errors.append(PackError(file, "must be a list of libraries", field_name))
        return []
    refs = []
    for index, item in enumerate(value):
        where = f"{field_name}.{index}"
        if not isinstance(item, dict):
            errors.append(PackError(file, "must be an object with machineName, majorVersion and minorVersion", where))
            continue
        machine_name = item.get("machineName")
        if not isinstance(machine_name, str) or not MACHINE_NAME.match(machine_name):
            errors.append(PackError(file, "machineName must be a library name such as H5P.MultiChoice", where))
            continue
        if not (_version_number(item.get("majorVersion")) and _version_number(item.get("minorVersion"))):
            errors.append(PackError(file, "majorVersion and minorVersion must be whole numbers", where))
            continue
        refs.append(LibraryRef(machine_name, item["majorVersion"], item["minorVersion"]))
    return refs


def _check_h5p_json(h5p: dict, errors: list[PackError]) -> None:
    for name in ("title", "language", "mainLibrary", "preloadedDependencies", "embedTypes"):
        if name not in h5p:
            errors.append(PackError("h5p.json", "is required", name))
    if "title" in h5p and not _text(h5p["title"]):
        errors.append(PackError("h5p.json", "must be text of 1 to 255 characters", "title"))
    if "language" in h5p and not (isinstance(h5p["language"], str) and LANGUAGE.match(h5p["language"])):
        errors.append(PackError("h5p.json", "must be a language code such as en or ur", "language"))
    main = h5p.get("mainLibrary")
    if "mainLibrary" in h5p and not (isinstance(main, str) and MACHINE_NAME.match(main)):
        errors.append(PackError("h5p.json", "must be a library name such as H5P.MultiChoice", "mainLibrary"))
    if "preloadedDependencies" in h5p:
        _dependency_list(h5p["preloadedDependencies"], "h5p.json", "preloadedDependencies", errors)
    embed = h5p.get("embedTypes")
    if "embedTypes" in h5p and not (isinstance(embed, list) and embed and all(kind in EMBED_TYPES for kind in embed)):
        errors.append(PackError("h5p.json", f"must list one or both of {', '.join(EMBED_TYPES)}", "embedTypes"))


def _check_layout(root: Path, package: H5PPackage, errors: list[PackError], name: str) -> None:
    """Every file is where H5P allows it and of a type it allows; read each library folder."""
    for path in sorted(root.iterdir()):
        relative = path.name
        if path.is_symlink():
            errors.append(PackError(relative, "symbolic links are not allowed in an H5P package"))
        elif path.is_file():
            if relative != "h5p.json":
                errors.append(PackError(relative, "unexpected file; the top of a package holds only h5p.json"))
        elif relative == "content":
            files = _check_files(path, "content", CONTENT_EXTENSIONS, errors)
            package.content_files = [file for file in files if file != "content.json"]
        else:
            library = _read_library(path, errors)
            if library is not None:
                package.libraries[library.ref] = library
    if not (root / "content").is_dir():
        errors.append(PackError(name or "content", "no content/ folder in the package"))


def _check_files(folder: Path, prefix: str, extensions: frozenset, errors: list[PackError]) -> list[str]:
    """The files under ``folder`` relative to it, each checked for type and first bytes."""
    files = []
    for path in sorted(folder.rglob("*")):
        relative = f"{prefix}/{path.relative_to(folder).as_posix()}"
        if path.is_symlink():
            errors.append(PackError(relative, "symbolic links are not allowed in an H5P package"))
            continue
        if path.is_dir():
            continue
        extension = path.suffix.lower().removeprefix(".")
        if extension not in extensions:
            place = "content/" if prefix == "content" else "a library"
            errors.append(PackError(relative, f"file type .{extension or '(none)'} is not allowed in {place}"))
            continue
        problem = _sniff(path, extension)
        if problem:
            errors.append(PackError(relative, problem))
            continue
        files.append(path.relative_to(folder).as_posix())
    return files


def _sniff(path: Path, extension: str) -> str | None:
    """Why the file's first bytes do not match its extension, or None."""
    with path.open("rb") as file:
        head = file.read(512)
    signatures = _SIGNATURES.get(extension)
    if signatures is not None:
        if head.startswith(signatures):
            return None
        return f"its content is not a .{extension} file"
    if extension in {"mp4", "m4a"}:
        return None if head[4:8] == b"ftyp" else f"its content is not a .{extension} file"
    if extension == "wav":
        return None if head[:4] == b"RIFF" and head[8:12] == b"WAVE" else "its content is not a .wav file"
    if extension == "webp":
        return None if head[:4] == b"RIFF" and head[8:12] == b"WEBP" else "its content is not a .webp file"
    if extension in _TEXT_EXTENSIONS:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # a character cut at the end of the 512 bytes is fine
                return "not UTF-8 text"
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype", b"<html", b"<script", b"<svg")):
            return "its content is markup, not text"
    return None


def _read_library(folder: Path, errors: list[PackError]) -> Library | None:
    name = folder.name
    match = LIBRARY_FOLDER.match(name)
    if not match:
        errors.append(PackError(name, "unexpected folder; a library folder is named Machine.Name-MAJOR.MINOR"))
        return None
    file = f"{name}/library.json"
    meta = _read_json(folder.parent, file, errors)
    if meta is None:
        return None
    if not isinstance(meta, dict):
        errors.append(PackError(file, "must be a JSON object"))
        return None
    count = len(errors)
    for key in ("title", "machineName", "majorVersion", "minorVersion", "patchVersion", "runnable"):
        if key not in meta:
            errors.append(PackError(file, "is required", key))
    if "title" in meta and not _text(meta["title"]):
        errors.append(PackError(file, "must be text of 1 to 255 characters", "title"))
    machine_name = meta.get("machineName")
    if "machineName" in meta and not (isinstance(machine_name, str) and MACHINE_NAME.match(machine_name)):
        errors.append(PackError(file, "must be a library name such as H5P.MultiChoice", "machineName"))
    for key in ("majorVersion", "minorVersion", "patchVersion"):
        if key in meta and not _version_number(meta[key]):
            errors.append(PackError(file, "must be a whole number", key))
    if "runnable" in meta and meta["runnable"] not in (0, 1, True, False):
        errors.append(PackError(file, "must be 0 or 1", "runnable"))
    if len(errors) > count:
        return None
    ref = LibraryRef(machine_name, meta["majorVersion"], meta["minorVersion"])
    if ref.folder != name:
        errors.append(PackError(name, f"the folder of {ref} must be named {ref.folder}"))
        return None
    _check_core_api(meta, file, errors)
    for key in ("preloadedJs", "preloadedCss"):
        _check_preloaded_files(folder, meta.get(key, []), file, key, errors)
    dependencies = []
    for key in ("preloadedDependencies", "dynamicDependencies"):
        if key in meta:
            dependencies += _dependency_list(meta[key], file, key, errors)
    if "editorDependencies" in meta:
        _dependency_list(meta["editorDependencies"], file, "editorDependencies", errors)
    semantics = None
    if (folder / "semantics.json").exists():
        semantics = _read_json(folder.parent, f"{name}/semantics.json", errors)
        if semantics is not None and not isinstance(semantics, list):
            errors.append(PackError(f"{name}/semantics.json", "must be a JSON list of fields"))
    files = _check_files(folder, name, LIBRARY_EXTENSIONS, errors)
    if len(errors) > count:
        return None
    return Library(ref, meta["patchVersion"], meta, semantics, folder, folder_digest(folder, files), dependencies)


def _check_core_api(meta: dict, file: str, errors: list[PackError]) -> None:
    core_api = meta.get("coreApi")
    if core_api is None:
        return
    if not (
        isinstance(core_api, dict)
        and _version_number(core_api.get("majorVersion"))
        and _version_number(core_api.get("minorVersion"))
    ):
        errors.append(PackError(file, "must be {majorVersion, minorVersion}", "coreApi"))
        return
    wanted = (core_api["majorVersion"], core_api["minorVersion"])
    if wanted[0] != CORE_API[0] or wanted[1] > CORE_API[1]:
        errors.append(
            PackError(
                file,
                f"needs H5P core API {wanted[0]}.{wanted[1]}; this player supports {CORE_API[0]}.0 to "
                f"{CORE_API[0]}.{CORE_API[1]}",
                "coreApi",
            )
        )


def _check_preloaded_files(folder: Path, entries, file: str, key: str, errors: list[PackError]) -> None:
    if not isinstance(entries, list):
        errors.append(PackError(file, "must be a list of {path}", key))
        return
    suffix = ".js" if key == "preloadedJs" else ".css"
    for index, entry in enumerate(entries):
        path = entry.get("path") if isinstance(entry, dict) else None
        where = f"{key}.{index}"
        if not isinstance(path, str) or not path.endswith(suffix) or ".." in path.split("/") or path.startswith("/"):
            errors.append(PackError(file, f"path must name a {suffix} file inside the library folder", where))
        elif not (folder / path).is_file():
            errors.append(PackError(file, f"{path} is listed but missing from the library folder", where))


def folder_digest(folder: Path, files: list[str]) -> str:
    """sha256 over the sorted relative names and bytes of ``files`` in ``folder``."""
    digest = hashlib.sha256()
    for relative in sorted(files):
        digest.update(relative.encode() + b"\0" + (folder / relative).read_bytes() + b"\0")
    return digest.hexdigest()


def content_library_refs(value) -> Iterator[LibraryRef]:
    """Every ``"library": "Machine.Name 1.2"`` in content parameters (sub-content of any depth)."""
    if isinstance(value, dict):
        library = value.get("library")
        if isinstance(library, str):
            match = LIBRARY_STRING.match(library)
            if match:
                yield LibraryRef(match["name"], int(match["major"]), int(match["minor"]))
        for item in value.values():
            yield from content_library_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from content_library_refs(item)


def _resolve(package: H5PPackage, installed: Callable[[LibraryRef], bool], errors: list[PackError]) -> None:
    """Find the main library and compute the closure of every library the content needs."""
    listed = _dependency_list(package.h5p["preloadedDependencies"], "h5p.json", "preloadedDependencies", errors)
    main_name = package.h5p["mainLibrary"]
    candidates = [ref for ref in [*listed, *package.libraries] if ref.machine_name == main_name]
    if not candidates:
        errors.append(
            PackError("h5p.json", f"{main_name} is neither listed in preloadedDependencies nor carried", "mainLibrary")
        )
        return
    package.main = max(candidates)
    main_library = package.libraries.get(package.main)
    if main_library is not None and not main_library.meta.get("runnable"):
        errors.append(PackError(f"{package.main.folder}/library.json", "the main library must be runnable", "runnable"))
    roots = [package.main, *listed, *content_library_refs(package.content)]
    closure: list[LibraryRef] = []
    visiting: set[LibraryRef] = set()

    def visit(ref: LibraryRef, needed_by: str) -> None:
        if ref in closure or ref in visiting:
            return
        visiting.add(ref)
        library = package.libraries.get(ref)
        if library is None:
            if not installed(ref):
                problem = f"needs library {ref}, which is neither in the package nor installed"
                errors.append(PackError(needed_by, problem))
        else:
            for dependency in library.dependencies:
                visit(dependency, f"{ref.folder}/library.json")
        visiting.discard(ref)
        closure.append(ref)

    for ref in roots:
        visit(ref, "h5p.json" if ref in listed or ref == package.main else "content/content.json")
    package.closure = closure
