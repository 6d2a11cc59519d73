"""backup_site and restore_site: a site survives the round trip, byte for byte, and a bad archive changes nothing."""

import io
import json
import tarfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.core.backup import BackupError, empty_database, restore_backup, write_backup
from cms.learning.models import Learner, LessonProgress
from cms.packs.importer import install_pack
from tests.learning_helpers import CONTRACT_URL, mark_done
from tests.test_pack_media import IMAGE_BLOCK, add_image, add_to_lesson

# flush and loaddata need real transactions; the migrations' own rows come back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

UPLOAD_NAME = "partner-uploads/atlantis-1.0.0.zip"
UPLOAD_BYTES = b"PK\x05\x06" + bytes(18)  # an empty zip: what matters is that the bytes come back


@pytest.fixture(autouse=True)
def warm_content_type_cache():
    """Leave Django's content type cache full, as other tests find it.

    A restore runs migrate's post_migrate handlers, which empty the cache. The next test's set-up reloads
    the database's first rows (serialized_rollback), and Wagtail's task models look up their content type
    while they are built: with an empty cache, the lookup would add a row before the one being reloaded.
    """
    yield
    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture
def empty_storages():
    """The test storages live in memory for the whole run: start and end each test with them empty."""

    def empty():
        for alias in ("default", "pack_uploads"):
            storage = storages[alias]
            for name in _all_files(storage):
                storage.delete(name)

    empty()
    yield
    empty()


def _all_files(storage, folder=""):
    folders, files = storage.listdir(folder)
    names = [f"{folder}/{name}".lstrip("/") for name in files]
    for name in folders:
        names += _all_files(storage, f"{folder}/{name}".lstrip("/"))
    return names


@pytest.fixture
def populated_site(site, pack_copy, empty_storages):
    """The example pack (English and Urdu pages, an image), an editor, a learner with progress, an uploaded pack."""
    add_image(pack_copy)
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    install_pack(pack_copy, site)
    get_user_model().objects.create_user("editor", password="a long enough password")
    assert mark_done(Client(), CONTRACT_URL.format(language="en")).status_code == 302
    storages["pack_uploads"].save(UPLOAD_NAME, ContentFile(UPLOAD_BYTES))
    return site


def site_state():
    """What a restore must bring back: pages in every language, users, learners' progress and file bytes."""
    image = get_image_model().objects.get()
    return {
        "pages": sorted(Page.objects.values_list("url_path", "locale__language_code", "title", "live")),
        "users": sorted(get_user_model().objects.values_list("username", "password")),
        "progress": sorted(LessonProgress.objects.values_list("learner__public_id", "pack_id", "lesson_key")),
        "image": (image.title, image.file.name, image.file.read()),
        "upload": storages["pack_uploads"].open(UPLOAD_NAME).read(),
    }


def wipe():
    with transaction.atomic():
        empty_database()
    for alias in ("default", "pack_uploads"):
        for name in _all_files(storages[alias]):
            storages[alias].delete(name)


def test_a_site_comes_back_whole_after_backup_and_restore(populated_site, tmp_path):
    before = site_state()
    assert any(language == "ur" for _, language, _, _ in before["pages"]) and before["progress"]
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive), stdout=io.StringIO())

    wipe()
    assert not Page.objects.filter(depth__gt=1).exists() and not Learner.objects.exists()
    output = io.StringIO()
    call_command("restore_site", str(archive), stdout=output)

    assert site_state() == before
    assert "Restored the site" in output.getvalue()
    # The restored site serves its pages, in Urdu too, and the learner's records are theirs again.
    assert Client().get("/ur/courses/").status_code == 200
    assert Client().get(CONTRACT_URL.format(language="en")).status_code == 200


def test_the_archive_lists_every_member_with_its_checksum(populated_site, tmp_path):
    manifest = write_backup(tmp_path / "site.tar.gz")
    with tarfile.open(tmp_path / "site.tar.gz") as archive:
        names = archive.getnames()
        listed = json.load(archive.extractfile("manifest.json"))
    assert names[-1] == "manifest.json" and set(names[:-1]) == set(manifest.files) == set(listed["files"])
    assert f"pack-uploads/{UPLOAD_NAME}" in names and any(name.startswith("media/original_images/") for name in names)
    assert listed["database_vendor"] == "sqlite" and "rahnuma_core.0002_page_cache_generation" in listed["migrations"]
    assert not any(name.startswith(("contenttypes", "sessions")) for name in names)


def test_a_database_that_holds_a_site_is_refused_unless_forced(populated_site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    write_backup(archive)
    Page.objects.filter(depth__gt=2).update(title="Changed after the backup")
    with pytest.raises(CommandError, match="already holds a site; restore into an empty one, or use --force"):
        call_command("restore_site", str(archive))
    assert Page.objects.filter(title="Changed after the backup").exists()  # nothing was touched

    call_command("restore_site", str(archive), "--force", stdout=io.StringIO())
    assert not Page.objects.filter(title="Changed after the backup").exists()


def test_files_already_in_the_storage_are_refused_unless_forced(populated_site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    write_backup(archive)
    with transaction.atomic():
        empty_database()  # an empty database, but the files are still there
    with pytest.raises(BackupError, match="already exists in the storage"):
        restore_backup(archive)
    restore_backup(archive, force=True)
    assert storages["pack_uploads"].open(UPLOAD_NAME).read() == UPLOAD_BYTES


def rewrite(source, target, change):
    """Copy the archive ``source`` to ``target``, each member passed through ``change(info, data)``,
    which returns the (info, data) pairs to write instead."""
    with tarfile.open(source) as original, tarfile.open(target, "w:gz") as copy:
        for info in original.getmembers():
            for new_info, data in change(info, original.extractfile(info).read()):
                if new_info.isreg():
                    new_info.size = len(data)
                copy.addfile(new_info, io.BytesIO(data) if new_info.isreg() else None)
    return target


def manifest_listing(data, name, content):
    """The manifest's bytes with one more member listed, whose checksum is right."""
    import hashlib

    manifest = json.loads(data)
    manifest["files"][name] = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
    return json.dumps(manifest).encode()


def added_member(name, content, kind=tarfile.REGTYPE, linkname=""):
    def change(info, data):
        if info.name != "manifest.json":
            return [(info, data)]
        extra = tarfile.TarInfo(name)
        extra.type, extra.linkname = kind, linkname
        return [(extra, content), (info, manifest_listing(data, name, content))]

    return change


def altered(member, old, new):
    def change(info, data):
        return [(info, data.replace(old, new) if info.name == member else data)]

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (added_member("../outside.txt", b"x"), "'..' is not allowed in names"),
        (added_member("/etc/cron.d/evil", b"x"), "absolute paths are not allowed"),
        (added_member("media/link", b"", tarfile.SYMTYPE, "/etc/passwd"), "only regular files may be in a backup"),
        (added_member("elsewhere/file.txt", b"x"), "not part of a backup"),
        (altered("database.jsonl", b"Atlantis", b"Atlantiz"), "does not match its checksum in the manifest"),
        (
            lambda info, data: [] if info.name.startswith("pack-uploads/") else [(info, data)],
            "does not match its manifest",
        ),
    ],
    ids=["parent folder", "absolute path", "symbolic link", "unknown folder", "altered dump", "missing member"],
)
def test_a_damaged_or_hostile_archive_changes_nothing(populated_site, tmp_path, change, message):
    good = tmp_path / "site.tar.gz"
    write_backup(good)
    bad = rewrite(good, tmp_path / "bad.tar.gz", change)
    wipe()
    with pytest.raises(BackupError, match=message):
        restore_backup(bad)
    assert not Page.objects.filter(depth__gt=2).exists() and not _all_files(storages["pack_uploads"])
    assert not (tmp_path.parent / "outside.txt").exists()


def test_a_backup_made_with_other_migrations_is_refused(populated_site, tmp_path):
    good = tmp_path / "site.tar.gz"
    write_backup(good)

    def older_version(info, data):
        if info.name != "manifest.json":
            return [(info, data)]
        manifest = json.loads(data)
        manifest["migrations"].remove("rahnuma_core.0002_page_cache_generation")
        return [(info, json.dumps(manifest).encode())]

    wipe()
    with pytest.raises(BackupError, match=r"other migrations than this database has .*only here: \['rahnuma_core.0002"):
        restore_backup(rewrite(good, tmp_path / "older.tar.gz", older_version))


def test_backup_site_will_not_overwrite_an_archive(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="exists; choose another name or use --overwrite"):
        call_command("backup_site", str(archive))
    assert archive.read_bytes() == b"keep me"


def test_restore_site_reports_an_archive_that_is_not_one(db, tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_bytes(b"this is not gzip")
    with pytest.raises(CommandError, match="restore failed"):
        call_command("restore_site", str(not_an_archive))


@pytest.mark.postgres
def test_a_site_comes_back_whole_on_postgresql(populated_site, tmp_path):
    before = site_state()
    archive = tmp_path / "site.tar.gz"
    manifest = write_backup(archive)
    assert manifest.database_vendor == "postgresql"
    wipe()
    restore_backup(archive)
    assert site_state() == before
    # New rows get fresh ids after the restore: the sequences were moved past the restored rows.
    assert mark_done(Client(), CONTRACT_URL.format(language="ur")).status_code == 302
