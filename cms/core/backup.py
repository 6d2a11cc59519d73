"""A whole site in one archive and back: the database's contents, the media files and the uploaded packs.

    manifest = write_backup("site.tar.gz")      # manage.py backup_site site.tar.gz
    restore_backup("site.tar.gz")               # manage.py restore_site site.tar.gz [--force]

The archive is a gzipped tar of:

    database.jsonl       every row of every app, in Django's JSON Lines serialisation, with its id;
                         content types and permissions (which migrate numbers in its own order)
                         are referred to by natural keys, so it loads into SQLite or PostgreSQL
                         alike, whichever it came from
    media/NAME           each file of the default storage (images, documents), byte for byte
    pack-uploads/NAME    each file of the pack_uploads storage (partners' uploaded zips)
    manifest.json        written last: the format, when, from which Rahnuma version and database
                         engine, the migrations applied, and every other member's size and SHA-256

Left out, because they are rebuilt: content types (made by migrate), sessions
(restoring logs everybody out), and the search index (rebuilt after a restore).

Restoring reads the archive as untrusted: before anything is written, every member must be a
regular file with a safe name (course_packs.archive.entry_name_problem), listed in the manifest
once, with the size and checksum the manifest gives, and the database must have had the same
migrations applied as the one backed up. It restores into an empty database (no users, learners or
pages beyond those migrate makes) and storages without those files, or with ``force`` over what is
there: the database is emptied and loaded in one transaction; then the files are written.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from wagtail.models import Page

import cms
from course_packs.archive import SizeLimitExceeded, copy_at_most, entry_name_problem

FORMAT = "rahnuma-site-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
# Archive folder -> storage alias.
STORAGE_FOLDERS = {"media": "default", "pack-uploads": "pack_uploads"}
EXCLUDED_FROM_DUMP = {"contenttypes", "sessions", "wagtailsearch"}  # app labels, model labels
MAX_MANIFEST_BYTES = 50_000_000  # room for the names and checksums of a few hundred thousand files
SPOOLED_IN_MEMORY_BYTES = 8 * 1024 * 1024  # larger files are restored through a temporary file


class BackupError(Exception):
    """The archive cannot be restored here, or a backup cannot be made; the message says why."""


@dataclass
class Manifest:
    created_at: str
    rahnuma_version: str
    database_vendor: str
    migrations: list[str]
    files: dict[str, dict] = field(default_factory=dict)  # member name -> {"size": int, "sha256": str}

    def as_json(self) -> bytes:
        return json.dumps({"format": FORMAT, "version": FORMAT_VERSION, **self.__dict__}, indent=1).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        try:
            raw = json.loads(data)
            if raw.get("format") != FORMAT or raw.get("version") != FORMAT_VERSION:
                raise BackupError(f"not a {FORMAT} archive of version {FORMAT_VERSION}")
            manifest = cls(
                raw["created_at"], raw["rahnuma_version"], raw["database_vendor"], raw["migrations"], raw["files"]
            )
            for name, entry in manifest.files.items():
                if not (isinstance(entry["size"], int) and entry["size"] >= 0 and len(entry["sha256"]) == 64):
                    raise BackupError(f"{MANIFEST}: bad size or checksum for {name!r}")
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise BackupError(f"{MANIFEST} is not a valid manifest ({error})") from None
        return manifest


def write_backup(path) -> Manifest:
    """Write this site's backup archive to ``path`` (a new file, written beside it first)."""
    path = Path(path)
    manifest = Manifest(
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        rahnuma_version=cms.__version__,
        database_vendor=connection.vendor,
        migrations=_applied_migrations(),
    )
    partial = path.with_name(path.name + ".partial")
    try:
        with tarfile.open(partial, "w:gz") as archive, tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / DATABASE
            with dump.open("w", encoding="utf-8") as stream:
                _PortableSerializer().serialize(_all_rows(), stream=stream, use_natural_foreign_keys=True)
            with dump.open("rb") as source:
                _add(archive, manifest, DATABASE, source, dump.stat().st_size)
            for folder_name, alias in STORAGE_FOLDERS.items():
                storage = storages[alias]
                for name in _stored_files(storage):
                    with storage.open(name, "rb") as source:
                        _add(archive, manifest, f"{folder_name}/{name}", source, storage.size(name))
            data = manifest.as_json()
            _add(archive, None, MANIFEST, io.BytesIO(data), len(data))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def restore_backup(path, force=False) -> Manifest:
    """Restore the archive at ``path`` into this site; BackupError (with nothing changed) when it cannot."""
    with tarfile.open(path, "r:gz") as archive:
        manifest, members = _checked_manifest(archive)
        _check_target(manifest, force)
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / DATABASE
            with dump.open("wb") as target:
                _copy_member(archive, members[DATABASE], manifest.files[DATABASE], target)
            _load_database(dump)
        for name, expected in manifest.files.items():
            folder_name, _, stored_name = name.partition("/")
            if folder_name in STORAGE_FOLDERS:
                storage = storages[STORAGE_FOLDERS[folder_name]]
                _restore_file(archive, members[name], expected, storage, stored_name, force)
    call_command("update_index", verbosity=0)
    return manifest


def database_has_content() -> bool:
    """Whether the database holds a site: any user, learner, or page besides those migrate makes."""
    from cms.learning.models import Learner

    made_by_migrate = Page.objects.filter(depth=1) | Page.objects.filter(
        depth=2, content_type=ContentType.objects.get_for_model(Page)
    )
    return (
        get_user_model().objects.exists()
        or Learner.objects.exists()
        or Page.objects.exclude(pk__in=made_by_migrate.values("pk")).exists()
    )


class _PortableSerializer(JSONLSerializer):
    """Django's JSON Lines, naming content types and permissions by natural key and everything else by id.

    Only those two are numbered by each database (migrate makes them); other rows keep their ids,
    so referring to them by id is exact, where some natural keys are not unique (a page's URL path).
    Permissions are dumped without ids too: loading finds those migrate made and adds those that
    data migrations made.
    """

    def get_dump_object(self, obj):
        self.use_natural_primary_keys = isinstance(obj, Permission)
        return super().get_dump_object(obj)

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in _BY_NATURAL_KEY
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in _BY_NATURAL_KEY
        super().handle_m2m_field(obj, field)


_BY_NATURAL_KEY = (ContentType, Permission)


def _all_rows() -> Iterator:
    """Every row of every model the migrations made, but those EXCLUDED_FROM_DUMP; each model's rows by id."""
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED_FROM_DUMP or meta.label in EXCLUDED_FROM_DUMP:
            continue
        yield from model._base_manager.order_by(meta.pk.name).iterator(chunk_size=2000)


def _applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _stored_files(storage, folder="") -> list[str]:
    """Every file in ``storage`` (any backend: a folder, S3, memory), as storage names."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a storage folder not made yet holds nothing
        return []
    names = [str(PurePosixPath(folder, name)) for name in files]
    for name in folders:
        names.extend(_stored_files(storage, str(PurePosixPath(folder, name))))
    return sorted(names)


class _Hashing:
    """A file-like reader that hashes and counts what passes through it."""

    def __init__(self, source):
        self.source = source
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        chunk = self.source.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def _add(archive: tarfile.TarFile, manifest: Manifest | None, name: str, source, size: int):
    problem = entry_name_problem(name)
    if problem:
        raise BackupError(f"cannot back up {name!r}: {problem}")
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o644
    reader = _Hashing(source)
    archive.addfile(info, reader)
    if reader.size != size:
        raise BackupError(f"{name!r} changed while it was backed up")
    if manifest is not None:
        manifest.files[name] = {"size": size, "sha256": reader.digest.hexdigest()}


def _checked_manifest(archive: tarfile.TarFile) -> tuple[Manifest, dict[str, tarfile.TarInfo]]:
    """The manifest and the members by name, after every member was checked (names, kinds, sizes, checksums)."""
    members = {}
    for member in archive.getmembers():
        problem = entry_name_problem(member.name)
        if problem:
            raise BackupError(f"refused member {member.name!r}: {problem}")
        if not member.isreg():
            raise BackupError(f"refused member {member.name!r}: only regular files may be in a backup")
        if member.name in members:
            raise BackupError(f"the archive holds {member.name!r} more than once")
        members[member.name] = member
    manifest_member = members.pop(MANIFEST, None)
    if manifest_member is None:
        raise BackupError(f"the archive has no {MANIFEST}; is it a Rahnuma backup?")
    if manifest_member.size > MAX_MANIFEST_BYTES:
        raise BackupError(f"{MANIFEST} is {manifest_member.size} bytes, more than {MAX_MANIFEST_BYTES}")
    manifest = Manifest.from_json(archive.extractfile(manifest_member).read())
    if set(manifest.files) != set(members):
        unlisted, missing = sorted(set(members) - set(manifest.files)), sorted(set(manifest.files) - set(members))
        raise BackupError(f"the archive does not match its manifest: unlisted {unlisted[:5]}, missing {missing[:5]}")
    if DATABASE not in members:
        raise BackupError(f"the archive has no {DATABASE}")
    for name, expected in manifest.files.items():
        if name != DATABASE and name.partition("/")[0] not in STORAGE_FOLDERS:
            raise BackupError(f"refused member {name!r}: not part of a backup")
        _copy_member(archive, members[name], expected, None)  # read through: checks size and checksum
    return manifest, members


def _copy_member(archive: tarfile.TarFile, member: tarfile.TarInfo, expected: dict, target):
    """Copy a member to ``target`` (or nowhere), refusing it unless its size and SHA-256 are the manifest's."""
    if member.size != expected["size"]:
        raise BackupError(f"{member.name!r} is {member.size} bytes; the manifest says {expected['size']}")
    reader = _Hashing(archive.extractfile(member))
    try:
        copy_at_most(reader, target if target is not None else _Discard(), expected["size"])
    except SizeLimitExceeded:
        raise BackupError(f"{member.name!r} is longer than the manifest says") from None
    if reader.size != expected["size"] or reader.digest.hexdigest() != expected["sha256"]:
        raise BackupError(
            f"{member.name!r} does not match its checksum in the manifest: the archive is damaged or altered"
        )


class _Discard:
    def write(self, data):
        return len(data)


def _check_target(manifest: Manifest, force: bool):
    here = _applied_migrations()
    if manifest.migrations != here:
        only_there = sorted(set(manifest.migrations) - set(here))
        only_here = sorted(set(here) - set(manifest.migrations))
        raise BackupError(
            "the backup was made with other migrations than this database has "
            f"(only in the backup: {only_there[:5]}; only here: {only_here[:5]}). Restore it with the Rahnuma "
            "version and plugins it was made with, then upgrade."
        )
    if force:
        return
    if database_has_content():
        raise BackupError("the database already holds a site; restore into an empty one, or use --force to replace it")
    for name in manifest.files:
        folder_name, _, stored_name = name.partition("/")
        if folder_name in STORAGE_FOLDERS and storages[STORAGE_FOLDERS[folder_name]].exists(stored_name):
            raise BackupError(f"{name!r} already exists in the storage; use --force to replace it")


def _load_database(dump: Path):
    """Empty the database and load the dump, in one transaction; pages cached before are never served again."""
    from cms.core.models import PageCacheGeneration
    from cms.core.page_cache import invalidate

    before = PageCacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0
    with transaction.atomic():
        empty_database()
        call_command("loaddata", str(dump), verbosity=0)
        # The restored counter may be lower than this site's: entries cached under it must stay dead.
        restored = PageCacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0
        PageCacheGeneration.objects.update_or_create(pk=1, defaults={"value": max(before, restored)})
        invalidate()


def empty_database():
    """Like ``manage.py flush``, but the content types stay: this process (and every other server's)
    keeps their ids in a cache, and the dump names them by natural key anyway. Then migrate's
    post_migrate handlers make what is missing (permissions), as after a flush."""
    tables = set(connection.introspection.django_table_names(only_existing=True, include_views=False))
    tables.discard(ContentType._meta.db_table)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True))
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)


def _restore_file(archive: tarfile.TarFile, member: tarfile.TarInfo, expected: dict, storage, stored_name, force):
    if force and storage.exists(stored_name):
        storage.delete(stored_name)
    with tempfile.SpooledTemporaryFile(max_size=SPOOLED_IN_MEMORY_BYTES) as spool:
        _copy_member(archive, member, expected, spool)
        spool.seek(0)
        saved = storage.save(stored_name, File(spool, name=stored_name))
    if saved != stored_name:
        raise BackupError(f"the storage saved {member.name!r} as {saved!r}; the site would not find it")
