"""Storing a checked .h5p package: each library version once, by the hash of its files; then the content.

    content = store_package(path, user=request.user)                       # an admin upload
    content = store_package(path, pack_id="rahnuma.saudi", key="h5p/x.h5p")  # a course pack's, updated in place

Files live under settings.H5P_ROOT: ``libraries/<digest>/...`` (a library version's folder, never
changed once written) and ``content/<public id>/...`` (the content's media). content.json and
h5p.json live in the database, so translations and the player read them from there.

A library version already stored with other bytes is refused: the same version must mean the same
code. A new library version is stored unapproved; content needing it stays a draft until a staff
user with ``rahnuma_h5p.approve_library`` approves it (``approve_library``).
"""

import hashlib
import json
import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail_localize.models import TranslationSource

from cms.core.translation_sources import update_or_create_source
from cms.h5p.models import Content, Library
from cms.h5p.package import H5PPackage, LibraryRef, open_h5p
from cms.h5p.translation import source_text
from course_packs.archive import write_files_zip
from course_packs.errors import PackError, PackInvalid


def library_folder(library: Library) -> Path:
    return Path(settings.H5P_ROOT) / "libraries" / library.digest


def content_folder(content: Content) -> Path:
    return Path(settings.H5P_ROOT) / "content" / str(content.public_id)


def installed_library(ref: LibraryRef) -> Library | None:
    """The stored library answering ``ref`` (machine name, major.minor): the highest patch, as H5P core does."""
    return (
        Library.objects.filter(machine_name=ref.machine_name, major_version=ref.major, minor_version=ref.minor)
        .order_by("-patch_version")
        .first()
    )


def store_package(path, *, user=None, pack_id: str = "", key: str = "") -> Content:
    """Check the .h5p file at ``path`` and store its libraries and content; raise PackInvalid.

    With ``pack_id`` and ``key`` the content of that pack file is updated in place (same public id,
    so learners' results stay attached).
    """
    digest = _file_digest(Path(path))
    installed = lambda ref: installed_library(ref) is not None  # noqa: E731
    with open_h5p(path, installed=installed) as package, transaction.atomic():
        libraries = _store_libraries(package, user)
        return _store_content(package, libraries, digest, user=user, pack_id=pack_id, key=key)


def _store_libraries(package: H5PPackage, user) -> dict[LibraryRef, Library]:
    """Every library of the closure as a stored Library; new versions stored unapproved."""
    stored: dict[LibraryRef, Library] = {}
    errors = []
    for ref in package.closure:
        carried = package.libraries.get(ref)
        if carried is None:
            stored[ref] = installed_library(ref)
            continue
        existing = Library.objects.filter(
            machine_name=ref.machine_name,
            major_version=ref.major,
            minor_version=ref.minor,
            patch_version=carried.patch,
        ).first()
        if existing is not None:
            if existing.digest != carried.digest:
                errors.append(
                    PackError(
                        f"{ref.folder}/library.json",
                        f"{existing} is already installed with different files; a changed library needs a new "
                        "patch version",
                    )
                )
                continue
            stored[ref] = existing
            continue
        # The newest stored patch of this major.minor is what players get; an older patch adds nothing.
        newest = installed_library(ref)
        if newest is not None and newest.patch_version > carried.patch:
            stored[ref] = newest
            continue
        library = Library.objects.create(
            machine_name=ref.machine_name,
            major_version=ref.major,
            minor_version=ref.minor,
            patch_version=carried.patch,
            title=carried.meta["title"],
            runnable=bool(carried.meta.get("runnable")),
            digest=carried.digest,
            metadata=carried.meta,
            semantics=carried.semantics,
            uploaded_by=user,
        )
        _copy_tree(carried.folder, library_folder(library))
        stored[ref] = library
    if errors:
        raise PackInvalid(errors)
    return stored


def _store_content(package: H5PPackage, libraries, digest, *, user, pack_id, key) -> Content:
    fields = {
        "title": package.title,
        "language": package.h5p["language"],
        "main_library": libraries[package.main],
        "h5p_json": package.h5p,
        "parameters": package.content,
        "files": package.content_files,
        "digest": digest,
        "uploaded_by": user,
    }
    if pack_id:
        content, _ = Content.objects.update_or_create(pack_id=pack_id, key=key, defaults=fields)
    else:
        content = Content.objects.create(**fields)
    content.libraries.set(libraries.values())
    text = source_text(content)
    if text is not None and TranslationSource.objects.filter(object_id=text.translation_key).exists():
        update_or_create_source(text)  # translations keep the strings that did not change
    target = content_folder(content)
    if target.exists():
        shutil.rmtree(target)
    source = package.root / "content"
    for relative in package.content_files:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, destination)
    return content


def approve_library(library: Library, user) -> None:
    """Approve a library version on behalf of ``user``, who must be staff with the permission."""
    if not (user.is_active and user.is_staff and user.has_perm("rahnuma_h5p.approve_library")):
        raise PermissionError("only staff with the approve_library permission may approve H5P libraries")
    if library.approved_at is None:
        library.approved_at, library.approved_by = timezone.now(), user
        library.save(update_fields=["approved_at", "approved_by"])  # saved, so cached lesson pages are emptied


def write_stored_package(content: Content, output: Path) -> Path:
    """Write ``content`` as it is stored (h5p.json, content.json, media, libraries) as a .h5p file at ``output``.

    How a pack export gives back its lessons' activities: the package holds what the site plays,
    and stores again as the same content.
    """
    files = {
        "h5p.json": (json.dumps(content.h5p_json, indent=2, ensure_ascii=False) + "\n").encode(),
        "content/content.json": (json.dumps(content.parameters, indent=2, ensure_ascii=False) + "\n").encode(),
    }
    media = content_folder(content)
    files.update({f"content/{name}": (media / name).read_bytes() for name in content.files})
    for library in content.libraries.all():
        folder = library_folder(library)
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                files[f"{library.folder}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return write_files_zip(files, output)


def _copy_tree(source: Path, target: Path) -> None:
    """Write a library's folder; a folder already there holds the same files (its name is their hash)."""
    if target.exists():
        return
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    shutil.copytree(source, partial)
    partial.replace(target)


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()
