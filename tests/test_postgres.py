"""The engine on a real PostgreSQL server: migrations, site set-up, installing and upgrading a pack.

Run by `make test-postgres` (scripts/with_postgres.py gives pytest a throwaway server); the `postgres`
marker skips these tests on SQLite, or fails them in CI (tests/conftest.py).
"""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from wagtail.models import Site

from cms.learning.models import LessonPage
from cms.packs.importer import install_pack
from cms.packs.models import InstalledPack
from tests.test_pack_upgrade import replace_in, set_version
from tests.test_progress import check_quiz_standing

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

URDU_TITLE = "آپ کا معاہدہ"  # "Your contract", from the example pack's Urdu translation
URDU_WAGE = "تنخواہ"  # "wage", in the translated first paragraph of that lesson


def urdu_lesson_html(client):
    lesson = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code="ur")
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    return html


def test_the_database_is_a_postgresql_test_database_in_utf8():
    assert connection.vendor == "postgresql"
    # Django's test runner made its own database next to the one DATABASE_URL names.
    assert connection.settings_dict["NAME"].startswith("test_")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone() == ("UTF8",)


def test_every_migration_is_applied():
    loader = MigrationLoader(connection)
    assert set(loader.graph.nodes) - set(loader.applied_migrations) == set()
    project_apps = {"rahnuma_core", "rahnuma_guides", "rahnuma_learning", "rahnuma_contacts", "rahnuma_packs"}
    assert {app for app, _name in loader.applied_migrations} >= project_apps


def test_the_example_pack_installs_and_its_urdu_lesson_renders(client, site, pack_copy):
    assert Site.objects.get(is_default_site=True) == site

    result = install_pack(pack_copy, site)

    assert result.written and result.plan.action == "install"
    html = urdu_lesson_html(client)
    assert URDU_TITLE in html and URDU_WAGE in html


def test_an_upgrade_changes_the_lesson_in_place(client, site, pack_copy, tmp_path):
    install_pack(pack_copy, site)
    lesson_ids = set(LessonPage.objects.values_list("pk", flat=True))
    next_version = tmp_path / "v1.1"
    shutil.copytree(pack_copy, next_version)
    set_version(next_version, "1.1.0")
    replace_in(
        next_version / "lessons" / "contract.md",
        "your hours and your rest day.",
        "your hours, your rest day and your leave.",
    )

    result = install_pack(next_version, site)

    assert result.written and result.plan.action == "upgrade"
    assert result.plan.keys("changed") == {"atlantis-contract"}
    assert set(LessonPage.objects.values_list("pk", flat=True)) == lesson_ids
    assert InstalledPack.objects.get(site=site).version == "1.1.0"
    # The changed paragraph has no Urdu translation yet, so the Urdu page shows the new English text.
    html = urdu_lesson_html(client)
    assert "your rest day and your leave" in html and URDU_TITLE in html and URDU_WAGE not in html
    tree_check = StringIO()
    call_command("fixtree", stdout=tree_check)
    assert "No problems found" in tree_check.getvalue()


def test_a_learners_standing_at_a_quiz_is_read_the_same_way():
    check_quiz_standing()
