"""Packs as zip files: opening one without trusting it, and building one from a pack folder.

A pack travels as a folder or as a zip of that folder, with ``pack.yaml`` at the zip's root or
inside exactly one top-level folder (what "Compress" or "Send to zip" makes of a folder)::

    with pack_folder("atlantis-1.0.0.zip") as root:  # a folder is used as it is
        pack = read_pack(root)

A zip from a partner is untrusted data. Before anything is written, its central directory is
checked: the number of entries, each file's size, the total size, the compression ratio, the
names (no absolute paths, drive letters, backslashes or ``..``; no two names that differ only in
upper/lower case), and the kinds (no symbolic links, no encrypted entries). Then each file is
streamed into a new temporary folder through byte counters that do not rely on the sizes the zip
claims, and the folder is removed when the ``with`` block ends, however it ends. The problems of
the central directory are raised together as PackInvalid, each error naming its entry.

macOS adds a ``__MACOSX/`` folder of resource forks to the zips it makes; it is checked like
everything else but not unpacked.

Other untrusted zips (H5P packages, cms.h5p.package) get the same defences with their own caps::

    with unpacked_zip(path, ZipLimits(noun="H5P package", file_bytes=16 * 2**20, ...)) as folder:
        ...
"""

import os
import re
import shutil
import stat
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from course_packs.errors import PackError, PackInvalid
from course_packs.media import MAX_IMAGE_BYTES
from course_packs.reader import MAX_TEXT_FILE_BYTES

MAX_ENTRIES = 2_000  # files and folders; a large pack has a few hundred
MAX_FILE_BYTES = max(MAX_TEXT_FILE_BYTES, MAX_IMAGE_BYTES)  # no file of a valid pack is larger
MAX_TOTAL_BYTES = 50_000_000  # all files together, uncompressed
# The zip itself. It also bounds the work of opening it: zipfile builds an object per directory
# entry before any check of ours can run (see _count_directory_entries).
MAX_ARCHIVE_BYTES = MAX_TOTAL_BYTES + 2_000_000  # room for the headers of MAX_ENTRIES entries
MAX_COMPRESSION_RATIO = 100  # pack text compresses about 5:1 and images barely; 100:1 is a bomb
RATIO_CHECKED_FROM_BYTES = 100_000  # small files can compress further and can do no harm
COPY_CHUNK_BYTES = 64 * 1024
IGNORED_FOLDER = "__MACOSX/"
# What `build` writes, so that the same folder always gives the same bytes.
BUILD_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold
BUILD_FILE_MODE = 0o644

_DIRECTORY_ENTRY_SIGNATURE = b"PK\x01\x02"
_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
_ACCEPTED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class ZipLimits:
    """The caps an untrusted zip is checked against; the defaults are a course pack's."""

    noun: str = "pack"  # what the zip is, in messages: "a pack may hold at most ..."
    entries: int = MAX_ENTRIES
    file_bytes: int = MAX_FILE_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    archive_bytes: int = MAX_ARCHIVE_BYTES


def pack_limits() -> ZipLimits:
    """A course pack's caps, read from this module's constants when called (tests lower them)."""
    return ZipLimits("pack", MAX_ENTRIES, MAX_FILE_BYTES, MAX_TOTAL_BYTES, MAX_ARCHIVE_BYTES)


class SizeLimitExceeded(Exception):
    """More bytes came out of a zip entry than the limit allows."""


@contextmanager
def pack_folder(path) -> Iterator[Path]:
    """Yield the pack folder at ``path``, unpacking it first if ``path`` is a zip; raise PackInvalid."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    folder = None
    try:
        with _open_zip(path) as archive:
            top = _check_entries(archive, path.name)
            folder = Path(tempfile.mkdtemp(prefix="course-pack-"))
            _unpack(archive, folder)
        yield folder / top
    finally:
        if folder is not None:
            shutil.rmtree(folder)


@contextmanager
def unpacked_zip(path, limits: ZipLimits) -> Iterator[Path]:
    """Yield a temporary folder holding the untrusted zip at ``path``, checked and unpacked within ``limits``.

    The same defences as a pack zip's; the folder is removed when the ``with`` block ends. Raises PackInvalid.
    """
    path = Path(path)
    folder = None
    try:
        with _open_zip(path, limits=limits) as archive:
            _check_directory(archive, path.name, limits)
            folder = Path(tempfile.mkdtemp(prefix="untrusted-zip-"))
            _unpack(archive, folder, limits)
        yield folder
    finally:
        if folder is not None:
            shutil.rmtree(folder)


def _check_entries(archive: zipfile.ZipFile, zip_name: str) -> str:
    """Check every entry of the central directory; return the folder holding pack.yaml ("" for the root)."""
    _check_directory(archive, zip_name, pack_limits())
    return _pack_root(archive, zip_name)


def _check_directory(archive: zipfile.ZipFile, zip_name: str, limits: ZipLimits) -> None:
    """Check every entry of the central directory against ``limits``; raise PackInvalid listing each problem."""
    errors = []
    total = 0
    seen: dict[str, str] = {}  # comparable name -> the entry's name
    files, folders = set(), set()
    for info in archive.infolist():
        problem = _entry_problem(info, limits)
        if problem:
            errors.append(PackError(info.filename, problem))
            continue
        comparable = unicodedata.normalize("NFC", info.filename.rstrip("/")).casefold()
        if comparable in seen:
            first = seen[comparable]
            how = "the same name" if first == info.filename else "the same name apart from upper/lower case"
            errors.append(PackError(info.filename, f"{how} as the entry {first!r}; names must be unique"))
            continue
        seen[comparable] = info.filename
        parents = PurePosixPath(comparable).parents
        folders.update(str(parent) for parent in parents if str(parent) != ".")
        if info.is_dir():
            folders.add(comparable)
        else:
            files.add(comparable)
            total += info.file_size
    errors.extend(PackError(seen[name], "is both a file and a folder in the zip") for name in sorted(files & folders))
    if total > limits.total_bytes:
        errors.append(
            PackError(
                zip_name, f"the files add up to {total} bytes; a {limits.noun} may hold at most {limits.total_bytes}"
            )
        )
    if errors:
        raise PackInvalid(errors)


def write_pack_zip(folder: Path, output: Path) -> Path:
    """Write the pack ``folder`` to the zip ``output``: sorted entries, fixed timestamps, deflate.

    Hidden files and folders (``.git``, ``.DS_Store``) are left out; symbolic links are refused.
    The zip is written beside ``output`` first and checked like any zip a partner sends, so a pack
    too big to be accepted is never written.
    """
    names = _pack_files(folder)
    partial = output.with_name(output.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name in names:
                with (folder / name).open("rb") as source, archive.open(_build_entry(name), "w") as target:
                    shutil.copyfileobj(source, target, COPY_CHUNK_BYTES)
        with _open_zip(partial, output.name) as archive:
            _check_entries(archive, output.name)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return output


def _build_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry as ``build`` writes it: fixed timestamp and mode, deflated."""
    info = zipfile.ZipInfo(name, date_time=BUILD_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so the mode below means what it says everywhere
    info.external_attr = (stat.S_IFREG | BUILD_FILE_MODE) << 16
    return info


def write_files_zip(files: dict[str, bytes], output: Path) -> Path:
    """Write ``files`` (zip name -> bytes) to the zip ``output`` like ``build`` does: sorted, fixed timestamps."""
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            archive.writestr(_build_entry(name), files[name])
    return output


def _open_zip(path: Path, name: str = "", limits: ZipLimits | None = None) -> zipfile.ZipFile:
    """The zip at ``path``, opened once its size and entry count are known to be bearable."""
    limits = limits or pack_limits()
    name = name or path.name
    if not path.exists():
        raise PackInvalid([PackError(str(path), "no such file or folder")])
    if not path.is_file():
        raise PackInvalid([PackError(str(path), "not a pack folder or a zip file")])
    size = path.stat().st_size
    if size > limits.archive_bytes:
        raise PackInvalid(
            [PackError(name, f"the zip is {size} bytes; a {limits.noun} zip may be {limits.archive_bytes}")]
        )
    if _count_directory_entries(path) > limits.entries:
        raise PackInvalid([PackError(name, f"the zip has more than {limits.entries} entries")])
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise PackInvalid([PackError(name, f"not a zip file, or a damaged one ({error})")]) from None


def _count_directory_entries(path: Path) -> int:
    """An upper bound on the central directory's entries, counted without parsing the zip.

    zipfile.ZipFile() parses the whole central directory into one object per entry, so a small
    zip of empty entries could take gigabytes of memory before len(infolist()) can be checked.
    Every entry zipfile accepts starts with this signature, so counting it in the raw bytes bounds
    what zipfile will build. (Compressed data contains it by chance about once per 4 GB.)
    """
    count = 0
    tail = b""
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            # Keep the last three bytes so a signature split across two chunks is still seen once.
            window = tail + chunk
            count += window.count(_DIRECTORY_ENTRY_SIGNATURE)
            tail = window[-3:]
    return count


def _entry_problem(info: zipfile.ZipInfo, limits: ZipLimits | None = None) -> str | None:
    """Why one central-directory entry is refused, or None."""
    limits = limits or pack_limits()
    problem = entry_name_problem(info.filename)
    if problem:
        return problem
    file_type = stat.S_IFMT(info.external_attr >> 16)
    if file_type == stat.S_IFLNK:
        return f"symbolic links are not allowed in a {limits.noun}"
    if file_type not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: made on Windows, which records no Unix type
        return f"only files and folders are allowed in a {limits.noun} zip"
    if info.flag_bits & 0x1:
        return f"encrypted entries are not allowed; zip the {limits.noun} without a password"
    if info.is_dir():
        return None
    if info.compress_type not in _ACCEPTED_COMPRESSION:
        return f"compression method {info.compress_type} is not supported; use ordinary zip (deflate) compression"
    if info.file_size >= RATIO_CHECKED_FROM_BYTES and info.file_size > MAX_COMPRESSION_RATIO * info.compress_size:
        ratio = info.file_size // max(info.compress_size, 1)
        return f"compresses {ratio}:1, more than {MAX_COMPRESSION_RATIO}:1; this looks like a zip bomb"
    if info.file_size > limits.file_bytes:
        return f"is {info.file_size} bytes uncompressed; a {limits.noun} file may be at most {limits.file_bytes} bytes"
    return None


def entry_name_problem(name: str) -> str | None:
    """Why an entry name could write outside the folder it is unpacked into, or None."""
    if _DRIVE_LETTER.match(name):
        return "drive letters are not allowed in names"
    if name.startswith("/"):
        return "absolute paths are not allowed in names"
    if "\\" in name:
        return "backslashes are not allowed in names; use / between folders"
    if any(ord(character) < 32 or character == "\x7f" for character in name):
        return "control characters are not allowed in names"
    parts = name.removesuffix("/").split("/")
    if ".." in parts:
        return "'..' is not allowed in names"
    if any(part in ("", ".") for part in parts):
        return "empty or '.' folder names are not allowed"
    return None


def _pack_root(archive: zipfile.ZipFile, zip_name: str) -> str:
    names = [info.filename for info in archive.infolist() if not info.filename.startswith(IGNORED_FOLDER)]
    if "pack.yaml" in names:
        return ""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and f"{next(iter(tops))}/pack.yaml" in names:
        return next(iter(tops))
    raise PackInvalid([PackError(zip_name, "no pack.yaml at the root of the zip or inside its one top-level folder")])


def _unpack(archive: zipfile.ZipFile, folder: Path, limits: ZipLimits | None = None) -> None:
    """Stream every checked file into ``folder``, counting bytes rather than trusting the headers."""
    limits = limits or pack_limits()
    budget = limits.total_bytes
    for info in archive.infolist():
        if info.is_dir() or info.filename.startswith(IGNORED_FOLDER):
            continue
        target = folder / info.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        limit = min(limits.file_bytes, budget)
        try:
            with archive.open(info) as source, target.open("xb") as copy:
                written = copy_at_most(source, copy, limit)
        except SizeLimitExceeded:
            raise PackInvalid(
                [PackError(info.filename, f"unpacks to more than {limit} bytes, more than the zip allows")]
            ) from None
        except (zipfile.BadZipFile, EOFError, zlib.error) as error:
            raise PackInvalid([PackError(info.filename, f"cannot be unpacked; the zip is damaged ({error})")]) from None
        if written != info.file_size:
            raise PackInvalid(
                [PackError(info.filename, f"unpacks to {written} bytes but the zip says {info.file_size}")]
            )
        budget -= written


def copy_at_most(source, target, limit: int) -> int:
    """Copy ``source`` to ``target`` in chunks; raise SizeLimitExceeded once more than ``limit`` bytes came."""
    copied = 0
    while chunk := source.read(COPY_CHUNK_BYTES):
        copied += len(chunk)
        if copied > limit:
            raise SizeLimitExceeded(f"more than {limit} bytes")
        target.write(chunk)
    return copied


def _pack_files(folder: Path) -> list[str]:
    """The pack's files as sorted zip names, without hidden ones; PackInvalid for symbolic links."""
    names, links = [], []
    for directory, subfolders, files in os.walk(folder):  # os.walk does not follow symbolic links
        relative = Path(directory).relative_to(folder)
        for name in subfolders + files:
            if not name.startswith(".") and (Path(directory) / name).is_symlink():
                links.append((relative / name).as_posix())
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        names.extend((relative / name).as_posix() for name in files if not name.startswith("."))
    if links:
        raise PackInvalid([PackError(name, "symbolic links are not allowed in a pack") for name in sorted(links)])
    return sorted(names)
