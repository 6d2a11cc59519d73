"""Production settings refuse unsafe configuration; the migrations match the models."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
SAFE_KEY = "x" * 60


def load_production(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="cms.settings.production")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
    )


def test_production_starts_with_a_real_secret_key():
    result = load_production(SECRET_KEY=SAFE_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_refuses_the_default_secret_key():
    result = load_production()
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = load_production(SECRET_KEY=SAFE_KEY, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_database_url_selects_the_database():
    environment = dict(
        os.environ, DATABASE_URL="postgres://u:p@127.0.0.1:5999/rahnuma", DJANGO_SETTINGS_MODULE="cms.settings.dev"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; d = settings.DATABASES['default']; "
            "print(d['ENGINE'], d['PORT'], d['NAME'])",
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "5999", "rahnuma"]


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_interface_translations_are_compiled():
    import polib

    for language in ("ur", "pnb"):
        folder = ROOT / "locale" / language / "LC_MESSAGES"
        source = {
            e.msgid: e.msgstr or e.msgstr_plural for e in polib.pofile(str(folder / "django.po")) if e.translated()
        }
        compiled = {e.msgid: e.msgstr or e.msgstr_plural for e in polib.mofile(str(folder / "django.mo")) if e.msgid}
        assert source == compiled, f"run `make messages`: locale/{language} .mo is out of date"


def test_every_interface_message_is_translated():
    """Learners read the site in Urdu and Punjabi, and the centre's editors may run the admin in them."""
    import polib

    for language in ("ur", "pnb"):
        catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
        assert missing == [], f"locale/{language}: {len(missing)} messages without a translation"
