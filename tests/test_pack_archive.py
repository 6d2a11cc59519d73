"""Zipped packs: building one, reading one, and refusing every unsafe zip before it touches the disk."""

import io
import random
import stat
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

import pytest

from course_packs import PackInvalid, pack_folder, read_pack
from course_packs import archive as archive_module
from course_packs.__main__ import main
from course_packs.archive import MAX_ENTRIES, MAX_FILE_BYTES, SizeLimitExceeded, copy_at_most
from tests.test_pack_media import IMAGE_BLOCK, png_bytes

EXAMPLE_PACK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "example-pack"
EXAMPLE_FILES = sorted(p.relative_to(EXAMPLE_PACK).as_posix() for p in EXAMPLE_PACK.rglob("*") if p.is_file())


@pytest.fixture
def unpack_dir(tmp_path, monkeypatch):
    """Where pack_folder makes its temporary folders, so a test can see that nothing is left behind."""
    directory = tmp_path / "unpacked"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


def write_zip(path, entries):
    """A zip of ``entries``: (name or ZipInfo, bytes) pairs, written as given (duplicates included)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return path


def example_entries(prefix=""):
    return [(prefix + name, (EXAMPLE_PACK / name).read_bytes()) for name in EXAMPLE_FILES]


def entry_info(name, *, mode=None):
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    if mode is not None:
        info.create_system = 3
        info.external_attr = mode << 16
    return info


def raw_zip(path, name, payload, *, crc, declared_size, flags=0):
    """A one-entry deflated zip whose headers say what the test wants (zipfile only writes the truth)."""
    encoded = name.encode()
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, 0, 0x21, crc, len(payload), declared_size, len(encoded), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, 8, 0, 0x21, crc, len(payload), declared_size, len(encoded),
        0, 0, 0, 0, 0, 0,
    ) + encoded  # fmt: skip
    start = len(local) + len(encoded) + len(payload)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), start, 0)
    path.write_bytes(local + encoded + payload + central + end)
    return path


def deflate_stream(chunks):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return b"".join(compressor.compress(chunk) for chunk in chunks) + compressor.flush()


def refusal(path):
    with pytest.raises(PackInvalid) as raised, pack_folder(path):
        pytest.fail("an unsafe zip was unpacked")
    return raised.value.errors


def assert_refused(path, entry, message, unpack_dir):
    errors = refusal(path)
    assert any(e.file == entry and message in e.message for e in errors), [str(e) for e in errors]
    assert list(unpack_dir.iterdir()) == []  # nothing unpacked, nothing left behind


# Good zips


def test_build_then_validate_a_zip_of_the_example_pack(tmp_path, capsys):
    built = tmp_path / "atlantis.zip"
    assert main(["build", str(EXAMPLE_PACK), "--output", str(built)]) == 0
    with zipfile.ZipFile(built) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == EXAMPLE_FILES  # sorted, files only, at the root
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
    assert main(["validate", str(built)]) == 0
    assert f"{built}: valid pack example.atlantis 1.0.0" in capsys.readouterr().out


def test_build_gives_the_same_bytes_every_time(tmp_path, pack_copy):
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    assert main(["build", str(pack_copy), "--output", str(first)]) == 0
    (pack_copy / "pack.yaml").touch()  # a newer modification time must not change the zip
    (pack_copy / ".DS_Store").write_bytes(b"hidden files stay out")
    assert main(["build", str(pack_copy), "--output", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_build_names_the_zip_after_the_pack(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(EXAMPLE_PACK)]) == 0
    assert (tmp_path / "example.atlantis-1.0.0.zip").is_file()


def test_build_refuses_an_invalid_pack(tmp_path, pack_copy, capsys):
    manifest = pack_copy / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", "version: 1.0"))
    output = tmp_path / "bad.zip"
    assert main(["build", str(pack_copy), "--output", str(output)]) == 1
    assert "pack.yaml:3 [version]" in capsys.readouterr().err
    assert not output.exists()


def test_build_refuses_a_symbolic_link_and_writes_nothing(tmp_path, pack_copy, capsys):
    (pack_copy / "notes.txt").symlink_to("/etc/hostname")
    output = tmp_path / "linked.zip"
    assert main(["build", str(pack_copy), "--output", str(output)]) == 1
    assert "notes.txt: symbolic links are not allowed" in capsys.readouterr().err
    assert list(tmp_path.glob("linked.zip*")) == []


def test_build_refuses_to_write_into_the_pack_folder(pack_copy, capsys):
    assert main(["build", str(pack_copy), "--output", str(pack_copy / "self.zip")]) == 1
    assert "outside the pack folder" in capsys.readouterr().err
    assert not (pack_copy / "self.zip").exists()


def test_build_refuses_a_pack_too_big_for_a_zip(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_TOTAL_BYTES", 1000)
    output = tmp_path / "big.zip"
    assert main(["build", str(EXAMPLE_PACK), "--output", str(output)]) == 1
    assert list(tmp_path.glob("big.zip*")) == []


def test_a_zip_with_one_top_level_folder_is_read_and_then_removed(tmp_path, unpack_dir):
    path = write_zip(tmp_path / "pack.zip", [("atlantis/", b""), *example_entries("atlantis/")])
    with pack_folder(path) as root:
        pack = read_pack(root)
        assert root.name == "atlantis" and (root / "pack.yaml").is_file()
    assert pack.manifest.id == "example.atlantis"
    assert pack.catalogues["ur"].get("atlantis-contract:title", "Your contract") == "آپ کا معاہدہ"
    assert list(unpack_dir.iterdir()) == []


def test_a_zip_with_the_pack_at_its_root_is_read(tmp_path, unpack_dir):
    path = write_zip(tmp_path / "pack.zip", example_entries())
    with pack_folder(path) as root:
        assert read_pack(root).manifest.id == "example.atlantis"
        assert root.parent == unpack_dir
    assert list(unpack_dir.iterdir()) == []


def test_the_unpacked_folder_is_removed_when_the_block_fails(tmp_path, unpack_dir):
    path = write_zip(tmp_path / "pack.zip", example_entries())
    with pytest.raises(RuntimeError), pack_folder(path):
        raise RuntimeError("the caller failed")
    assert list(unpack_dir.iterdir()) == []


def test_images_of_a_zipped_pack_can_be_read_inside_the_block(tmp_path, pack_copy, unpack_dir):
    (pack_copy / "media").mkdir()
    (pack_copy / "media" / "hard-hat.png").write_bytes(png_bytes(64, 48))
    lesson = pack_copy / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text() + IMAGE_BLOCK)
    built = tmp_path / "with-image.zip"
    assert main(["build", str(pack_copy), "--output", str(built)]) == 0
    with pack_folder(built) as root:
        image = read_pack(root).media["media/hard-hat.png"]
        assert image.path.read_bytes() == png_bytes(64, 48)
    assert not image.path.exists()


def test_read_pack_points_a_zip_to_pack_folder(tmp_path):
    path = write_zip(tmp_path / "pack.zip", example_entries())
    with pytest.raises(PackInvalid) as raised:
        read_pack(path)
    assert "open a zipped pack with course_packs.pack_folder" in str(raised.value)


def test_a_folder_is_used_where_it_is(unpack_dir):
    with pack_folder(EXAMPLE_PACK) as root:
        assert root == EXAMPLE_PACK
    assert list(unpack_dir.iterdir()) == []


def test_macos_resource_forks_are_checked_but_not_unpacked(tmp_path, unpack_dir):
    path = write_zip(tmp_path / "pack.zip", [*example_entries("pack/"), ("__MACOSX/pack/._pack.yaml", b"\0\5")])
    with pack_folder(path) as root:
        assert read_pack(root).warnings == []
        assert not (root.parent / "__MACOSX").exists()


def test_validate_and_extract_accept_a_zip(tmp_path, capsys):
    path = write_zip(tmp_path / "pack.zip", example_entries("atlantis/"))
    assert main(["extract", str(path), "--language", "ur", "--output", "new.po"]) == 0
    written = tmp_path / "locale" / "ur" / "new.po"  # beside the zip, as it would be inside the pack
    assert f"wrote {written}" in capsys.readouterr().out
    assert 'msgstr "آپ کا معاہدہ"' in written.read_text()


# Unsafe zips: refused from the central directory, before anything is written


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../x", "'..' is not allowed"),
        ("lessons/../../x.md", "'..' is not allowed"),
        ("/abs", "absolute paths are not allowed"),
        ("C:\\x", "drive letters are not allowed"),
        ("C:x", "drive letters are not allowed"),
        ("a\\..\\..\\x", "backslashes are not allowed"),
        ("lessons//x.md", "empty or '.' folder names"),
        ("lessons/\x1bx.md", "control characters"),
    ],
    ids=["dot-dot", "dot-dot-inside", "absolute", "drive-backslash", "drive", "backslashes", "empty-part", "control"],
)
def test_an_entry_name_that_could_escape_is_refused(tmp_path, unpack_dir, name, message):
    path = write_zip(tmp_path / "slip.zip", [*example_entries(), (entry_info(name), b"owned")])
    assert_refused(path, name, message, unpack_dir)


def test_a_symbolic_link_entry_is_refused(tmp_path, unpack_dir):
    link = entry_info("lessons/passwd.md", mode=stat.S_IFLNK | 0o777)
    path = write_zip(tmp_path / "link.zip", [*example_entries(), (link, b"/etc/passwd")])
    assert_refused(path, "lessons/passwd.md", "symbolic links are not allowed", unpack_dir)


def test_a_device_entry_is_refused(tmp_path, unpack_dir):
    device = entry_info("lessons/tty.md", mode=stat.S_IFCHR | 0o666)
    path = write_zip(tmp_path / "device.zip", [*example_entries(), (device, b"")])
    assert_refused(path, "lessons/tty.md", "only files and folders", unpack_dir)


def test_duplicate_names_are_refused(tmp_path, unpack_dir):
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = write_zip(tmp_path / "twice.zip", [*example_entries(), ("pack.yaml", b"format: 1\n")])
    assert_refused(path, "pack.yaml", "the same name as the entry 'pack.yaml'", unpack_dir)


def test_names_differing_only_in_case_are_refused(tmp_path, unpack_dir):
    path = write_zip(tmp_path / "case.zip", [*example_entries(), ("Lessons/Contract.md", b"---\n---\n")])
    assert_refused(
        path, "Lessons/Contract.md", "apart from upper/lower case as the entry 'lessons/contract.md'", unpack_dir
    )


def test_a_name_used_for_a_file_and_a_folder_is_refused(tmp_path, unpack_dir):
    path = write_zip(tmp_path / "both.zip", [*example_entries(), ("media", b"x"), ("media/a.png", b"x")])
    assert_refused(path, "media", "is both a file and a folder", unpack_dir)


def test_an_encrypted_entry_is_refused(tmp_path, unpack_dir):
    data = b"not really encrypted"  # the flag alone must be enough to refuse it
    payload = deflate_stream([data])
    path = raw_zip(tmp_path / "secret.zip", "notes.md", payload, crc=zlib.crc32(data), declared_size=len(data), flags=1)
    assert_refused(path, "notes.md", "encrypted entries are not allowed", unpack_dir)


def test_an_unusual_compression_method_is_refused(tmp_path, unpack_dir):
    info = entry_info("notes.md")
    info.compress_type = zipfile.ZIP_BZIP2
    path = write_zip(tmp_path / "bzip.zip", [*example_entries(), (info, b"x" * 100)])
    assert_refused(path, "notes.md", "compression method 12 is not supported", unpack_dir)


def test_ten_thousand_tiny_files_are_refused_before_the_zip_is_parsed(tmp_path, unpack_dir, monkeypatch):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(10_000):
            archive.writestr(f"{number}.md", b"")
    monkeypatch.setattr(zipfile, "ZipFile", None)  # the count comes from the raw bytes, not from zipfile
    assert_refused(path, "many.zip", f"more than {MAX_ENTRIES} entries", unpack_dir)


def test_an_oversized_file_is_refused(tmp_path, unpack_dir):
    noise = random.Random(0).randbytes(MAX_FILE_BYTES + 1)  # incompressible, so only its size is wrong
    path = write_zip(tmp_path / "big.zip", [*example_entries(), ("media/photo.png", noise)])
    assert_refused(path, "media/photo.png", f"a pack file may be at most {MAX_FILE_BYTES} bytes", unpack_dir)


def test_too_much_in_total_is_refused(tmp_path, unpack_dir, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_TOTAL_BYTES", 5_000)
    path = write_zip(tmp_path / "total.zip", example_entries())  # about 8,400 bytes
    assert_refused(path, "total.zip", "a pack may hold at most 5000", unpack_dir)


def test_a_high_ratio_entry_is_refused(tmp_path, unpack_dir):
    path = write_zip(tmp_path / "ratio.zip", [*example_entries(), ("notes.md", bytes(1_000_000))])
    assert_refused(path, "notes.md", "more than 100:1; this looks like a zip bomb", unpack_dir)


def test_a_zip_bomb_of_200_mb_of_zeros_is_refused(tmp_path, unpack_dir):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.yaml", (EXAMPLE_PACK / "pack.yaml").read_bytes())
        with archive.open("lessons/bomb.md", "w") as bomb:
            for _ in range(200):
                bomb.write(bytes(1024 * 1024))
    assert path.stat().st_size < 1_000_000
    errors = refusal(path)
    messages = {e.message for e in errors if e.file == "lessons/bomb.md"}
    assert any("looks like a zip bomb" in m for m in messages), messages
    assert list(unpack_dir.iterdir()) == []


def test_a_header_understating_the_size_is_caught_while_unpacking(tmp_path, unpack_dir):
    """The header says 1,000 bytes and the data inflates to 20 MB: unpacking stops at the header's size."""
    zeros = [bytes(1024 * 1024)] * 20
    crc = 0
    for chunk in zeros:
        crc = zlib.crc32(chunk, crc)
    path = raw_zip(tmp_path / "liar.zip", "pack.yaml", deflate_stream(zeros), crc=crc, declared_size=1000)
    assert_refused(path, "pack.yaml", "cannot be unpacked; the zip is damaged", unpack_dir)


def test_a_header_overstating_the_size_is_caught_while_unpacking(tmp_path, unpack_dir):
    data = (EXAMPLE_PACK / "pack.yaml").read_bytes()
    path = raw_zip(tmp_path / "liar.zip", "pack.yaml", deflate_stream([data]), crc=zlib.crc32(data), declared_size=5000)
    assert_refused(path, "pack.yaml", f"unpacks to {len(data)} bytes but the zip says 5000", unpack_dir)


def test_the_byte_counter_stops_a_source_that_gives_more_than_the_limit():
    target = io.BytesIO()
    with pytest.raises(SizeLimitExceeded):
        copy_at_most(io.BytesIO(b"x" * 200_000), target, limit=100_000)
    assert len(target.getvalue()) <= 100_000
    assert copy_at_most(io.BytesIO(b"y" * 10), io.BytesIO(), limit=10) == 10


def test_a_file_that_is_not_a_zip_is_refused(tmp_path, unpack_dir):
    path = tmp_path / "pack.zip"
    path.write_text("<html><body>Not a zip</body></html>")
    assert_refused(path, "pack.zip", "not a zip file", unpack_dir)


def test_a_zip_without_pack_yaml_is_refused(tmp_path, unpack_dir):
    path = write_zip(tmp_path / "two.zip", [*example_entries("one/"), ("two/readme.md", b"hello")])
    assert_refused(path, "two.zip", "no pack.yaml at the root of the zip", unpack_dir)


def test_a_missing_path_is_refused(tmp_path, unpack_dir):
    assert_refused(tmp_path / "nowhere.zip", str(tmp_path / "nowhere.zip"), "no such file or folder", unpack_dir)


def test_the_command_line_prints_every_zip_problem(tmp_path, capsys):
    path = write_zip(tmp_path / "slip.zip", [*example_entries(), ("../x", b"1"), ("/abs", b"2")])
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "error: ../x: '..' is not allowed in names" in err
    assert "error: /abs: absolute paths are not allowed in names" in err
    assert f"{path}: 2 error(s)" in err
