"""H5P packages made in the tests from the project's own content types (cms/h5p/libraries)."""

import json
import zipfile
from pathlib import Path

import pytest

from cms.h5p.build import package_files

TRUE_FALSE_H5P = {
    "title": "Passport",
    "language": "en",
    "mainLibrary": "Rahnuma.TrueFalseQuestion",
    "embedTypes": ["div"],
}
TRUE_FALSE_CONTENT = {
    "question": "Your employer may keep your passport.",
    "correct": False,
    "trueLabel": "True",
    "falseLabel": "False",
    "feedbackCorrect": "Right: your passport is yours.",
    "feedbackWrong": "No: nobody may keep your passport.",
    "scoreText": "You got @score of @total.",
}


def true_false_files(**content) -> dict[str, bytes]:
    """A valid true/false package's files (zip name -> bytes), with ``content`` overriding parameters."""
    return package_files(TRUE_FALSE_H5P, {**TRUE_FALSE_CONTENT, **content})


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def edit_json(files: dict[str, bytes], name: str, change) -> dict[str, bytes]:
    """``files`` with the JSON file ``name`` replaced by ``change(its data)`` (which may edit it in place)."""
    data = json.loads(files[name])
    result = change(data)
    files[name] = json.dumps(data if result is None else result).encode()
    return files


@pytest.fixture
def h5p_root(settings, tmp_path):
    """Stored H5P files go to a fresh folder for each test."""
    settings.H5P_ROOT = tmp_path / "h5p-store"
    return settings.H5P_ROOT
