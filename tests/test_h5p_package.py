"""Checking .h5p packages: every rule of the H5P format, every zip attack, each error naming its file."""

import stat
import zipfile

import pytest

from cms.h5p.package import CORE_API, LibraryRef, open_h5p
from course_packs import PackInvalid
from tests.h5p_helpers import edit_json, true_false_files, write_zip

TF = "Rahnuma.TrueFalseQuestion-1.1"
COMMON = "Rahnuma.Common-1.1"


def test_a_package_of_our_own_content_type_is_valid(tmp_path):
    with open_h5p(write_zip(tmp_path / "ok.h5p", true_false_files())) as package:
        assert package.title == "Passport"
        assert package.main == LibraryRef("Rahnuma.TrueFalseQuestion", 1, 1)
        # Dependencies come before what needs them.
        assert package.closure == [LibraryRef("Rahnuma.Common", 1, 1), LibraryRef("Rahnuma.TrueFalseQuestion", 1, 1)]
        assert len(package.libraries[package.main].digest) == 64


def test_the_closure_is_computed_even_when_h5p_json_lists_too_little(tmp_path):
    files = edit_json(true_false_files(), "h5p.json", lambda h5p: h5p.update(preloadedDependencies=[]))
    with open_h5p(write_zip(tmp_path / "short.h5p", files)) as package:
        assert LibraryRef("Rahnuma.Common", 1, 1) in package.closure


def _remove(name):
    def change(files):
        del files[name]
        return files

    return change


def _add(name, data):
    def change(files):
        files[name] = data
        return files

    return change


def _json(name, change):
    return lambda files: edit_json(files, name, change)


def _raw(name, data):
    return lambda files: {**files, name: data}


BROKEN_PACKAGES = [
    ("h5p.json missing", _remove("h5p.json"), "h5p.json", "file is missing"),
    ("h5p.json not JSON", _raw("h5p.json", b"{title: oops"), "h5p.json", "not valid JSON"),
    ("h5p.json without title", _json("h5p.json", lambda d: d.pop("title") and None), "h5p.json", "is required"),
    ("h5p.json bad embed type", _json("h5p.json", lambda d: d.update(embedTypes=["popup"])), "h5p.json", "div"),
    ("h5p.json bad language", _json("h5p.json", lambda d: d.update(language="English!")), "h5p.json", "language"),
    (
        "main library absent",
        _json("h5p.json", lambda d: d.update(mainLibrary="H5P.Missing")),
        "h5p.json",
        "H5P.Missing is neither",
    ),
    ("content.json missing", _remove("content/content.json"), "content/content.json", "file is missing"),
    ("content.json not JSON", _raw("content/content.json", b"[1,"), "content/content.json", "not valid JSON"),
    ("content.json a list", _raw("content/content.json", b"[1]"), "content/content.json", "JSON object"),
    ("library.json invalid", _raw(f"{TF}/library.json", b"{"), f"{TF}/library.json", "not valid JSON"),
    (
        "library.json without machineName",
        _json(f"{TF}/library.json", lambda d: d.pop("machineName") and None),
        f"{TF}/library.json",
        "is required",
    ),
    (
        "library.json patch version not a number",
        _json(f"{TF}/library.json", lambda d: d.update(patchVersion="1")),
        f"{TF}/library.json",
        "whole number",
    ),
    (
        "missing preloaded JS",
        _remove(f"{TF}/true-false.js"),
        f"{TF}/library.json",
        "true-false.js is listed but missing",
    ),
    (
        "preloaded JS outside the library",
        _json(f"{TF}/library.json", lambda d: d.update(preloadedJs=[{"path": "../evil.js"}])),
        f"{TF}/library.json",
        "inside the library folder",
    ),
    (
        "library folder name mismatch",
        lambda files: {name.replace(TF, "Rahnuma.TrueFalseQuestion-1.2"): data for name, data in files.items()},
        "Rahnuma.TrueFalseQuestion-1.2",
        "must be named Rahnuma.TrueFalseQuestion-1.1",
    ),
    (
        "unsupported core API",
        _json(f"{TF}/library.json", lambda d: d.update(coreApi={"majorVersion": 1, "minorVersion": CORE_API[1] + 1})),
        f"{TF}/library.json",
        "needs H5P core API",
    ),
    (
        "core API of another major version",
        _json(f"{TF}/library.json", lambda d: d.update(coreApi={"majorVersion": 2, "minorVersion": 0})),
        f"{TF}/library.json",
        "needs H5P core API 2.0",
    ),
    ("script in content", _add("content/evil.js", b"alert(1)"), "content/evil.js", ".js is not allowed in content/"),
    ("SVG in content", _add("content/x.svg", b"<svg/>"), "content/x.svg", ".svg is not allowed in content/"),
    ("HTML in content", _add("content/page.html", b"<html>"), "content/page.html", "not allowed"),
    ("HTML named .png", _add("content/photo.png", b"<html><script>"), "content/photo.png", "not a .png file"),
    ("markup named .txt", _add("content/notes.txt", b"<script>x</script>"), "content/notes.txt", "markup"),
    ("PHP in a library", _add(f"{TF}/shell.php", b"<?php"), f"{TF}/shell.php", ".php is not allowed in a library"),
    ("stray file at the top", _add("readme.txt", b"hi"), "readme.txt", "holds only h5p.json"),
    ("stray folder", _add("misc/notes.txt", b"hi"), "misc", "Machine.Name-MAJOR.MINOR"),
    (
        "dependency neither carried nor installed",
        _remove(f"{COMMON}/library.json"),
        f"{COMMON}/library.json",
        "file is missing",
    ),
    (
        "dependency of a library missing",
        lambda files: {name: data for name, data in files.items() if not name.startswith(COMMON)},
        f"{TF}/library.json",
        "needs library Rahnuma.Common 1.1",
    ),
    (
        "sub-content library missing",
        _json("content/content.json", lambda d: d.update(extra={"library": "H5P.Image 1.1", "params": {}})),
        "content/content.json",
        "needs library H5P.Image 1.1",
    ),
]


@pytest.mark.parametrize(
    ("change", "file", "message"), [case[1:] for case in BROKEN_PACKAGES], ids=[case[0] for case in BROKEN_PACKAGES]
)
def test_broken_packages_are_refused_naming_the_file(tmp_path, change, file, message):
    path = write_zip(tmp_path / "broken.h5p", change(true_false_files()))
    with pytest.raises(PackInvalid) as refused, open_h5p(path):
        pass
    assert any(error.file == file and message in error.message for error in refused.value.errors), [
        str(error) for error in refused.value.errors
    ]


def _entry(name, mode=None, flags=0):
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    if mode is not None:
        info.create_system = 3
        info.external_attr = mode << 16
    info.flag_bits |= flags
    return info


ZIP_ATTACKS = [
    ("parent folder", "../evil.js", b"x", "'..' is not allowed"),
    ("absolute path", "/etc/cron.d/evil", b"x", "absolute paths"),
    ("drive letter", "C:/evil.js", b"x", "drive letters"),
    ("backslash", "content\\..\\..\\evil.js", b"x", "backslashes"),
    ("symbolic link", _entry("content/link.png", mode=stat.S_IFLNK | 0o777), b"/etc/passwd", "symbolic links"),
    ("zip bomb", "content/bomb.txt", b"0" * 5_000_000, "zip bomb"),
    ("duplicate name", "h5p.json", b"{}", "the same name"),
    ("same name in another case", "H5P.JSON", b"{}", "upper/lower case"),
]


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize(("entry", "data", "message"), [c[1:] for c in ZIP_ATTACKS], ids=[c[0] for c in ZIP_ATTACKS])
def test_zip_attacks_are_refused_before_anything_is_unpacked(tmp_path, entry, data, message):
    path = tmp_path / "attack.h5p"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in true_false_files().items():
            archive.writestr(name, content)
        archive.writestr(entry, data)  # after the valid files, so that duplicates come second
    with pytest.raises(PackInvalid) as refused, open_h5p(path):
        pass
    assert any(message in error.message for error in refused.value.errors), str(refused.value)


def test_a_file_over_the_h5p_cap_is_refused(tmp_path, monkeypatch):
    from cms.h5p import package as package_module
    from course_packs.archive import ZipLimits

    monkeypatch.setattr(package_module, "H5P_LIMITS", ZipLimits("H5P package", 100, 1000, 100_000, 200_000))
    path = write_zip(tmp_path / "big.h5p", {**true_false_files(), "content/big.json": b"[" + b"1," * 600 + b"1]"})
    with pytest.raises(PackInvalid, match=r"content/big.json.*H5P package file may be at most 1000"), open_h5p(path):
        pass
