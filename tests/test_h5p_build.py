"""The project's own H5P content types and the packages `manage.py build_h5p` makes of the Saudi Arabia activities."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from cms.h5p.build import LIBRARIES, library_files
from cms.h5p.management.commands.build_h5p import H5P_OUTPUTS, build_folder
from cms.h5p.package import open_h5p

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("sources", "output"), H5P_OUTPUTS.items())
def test_the_committed_packages_are_what_the_sources_build(tmp_path, sources, output):
    built = build_folder(ROOT / sources, tmp_path)
    assert built, "no activity sources found"
    for path in built:
        committed = ROOT / output / path.name
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is stale: run manage.py build_h5p"


def test_the_command_builds_into_a_given_folder(tmp_path):
    call_command("build_h5p", str(ROOT / "plugins/saudi-arabia/h5p-sources"), str(tmp_path))
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["domestic-workers-reform.h5p", "hours-and-rest.h5p", "who-may-recruit.h5p"]
    with open_h5p(tmp_path / "hours-and-rest.h5p") as package:
        assert package.main.machine_name == "Rahnuma.FlipCards"
        assert [ref.machine_name for ref in package.closure] == ["Rahnuma.Common", "Rahnuma.FlipCards"]


def _field_names(semantics) -> set[str]:
    return {field["name"] for field in semantics}


@pytest.mark.parametrize("source", sorted((ROOT / "plugins/saudi-arabia/h5p-sources").glob("*/h5p.json")))
def test_activity_texts_are_fields_of_their_librarys_semantics(source):
    """Each content type reads its texts from fields its semantics.json defines: no field unknown to it."""
    h5p = json.loads(source.read_text())
    content = json.loads((source.parent / "content" / "content.json").read_text())
    folder = next(path for ref, path in library_files(LIBRARIES).items() if ref.machine_name == h5p["mainLibrary"])
    semantics = json.loads((folder / "semantics.json").read_text())
    assert set(content) <= _field_names(semantics)
    assert json.loads((folder / "library.json").read_text())["license"] == "MIT"


@pytest.mark.django_db
def test_the_saudi_arabia_course_uses_the_activities_in_three_lessons(site, settings, tmp_path):
    from cms.h5p.models import Content, LessonActivity
    from cms.packs.importer import install_pack

    settings.H5P_ROOT = tmp_path / "h5p-store"
    install_pack(ROOT / "plugins/saudi-arabia/rahnuma_saudi_arabia/packs/saudi-arabia", site)
    activities = {activity.lesson_key: activity for activity in LessonActivity.objects.select_related("content")}
    assert set(activities) == {"sa-pd-legal-route", "sa-pd-contract-rights", "sa-pd-sponsorship"}
    assert activities["sa-pd-contract-rights"].required and activities["sa-pd-contract-rights"].pass_mark == 100
    assert {activity.content.main_library.machine_name for activity in activities.values()} == {
        "Rahnuma.SingleChoiceQuestion",
        "Rahnuma.FlipCards",
        "Rahnuma.TrueFalseQuestion",
    }
    assert Content.objects.playable().count() == 3
