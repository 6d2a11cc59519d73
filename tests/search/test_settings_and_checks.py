"""Choosing the search backend by setting, and the system check of the lexicon files."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from search.checks import check_lexicon_files

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SEARCH_BACKEND", "ELASTICSEARCH_URL"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    code = "import django; django.setup(); from django.conf import settings; print(settings.SEARCH_BACKEND)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, cwd=ROOT)


@pytest.mark.parametrize(
    ("env", "outcome"),
    [
        ({}, "database"),
        ({"SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": "http://127.0.0.1:9200"}, "elasticsearch"),
        ({"SEARCH_BACKEND": "elasticsearch"}, "use 'database', or 'elasticsearch' with ELASTICSEARCH_URL"),
        ({"SEARCH_BACKEND": "solr"}, "SEARCH_BACKEND='solr' is not available"),
    ],
)
def test_the_backend_setting(env, outcome):
    result = load_settings(**env)
    assert outcome in (result.stdout if result.returncode == 0 else result.stderr)


def test_the_shipped_lexicons_pass_the_check():
    assert check_lexicon_files() == []


def test_a_broken_lexicon_file_is_a_check_error(monkeypatch, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nentries:\n  visa: {xx: [visa]}\n", encoding="utf-8")
    monkeypatch.setattr("search.checks.lexicon_files", lambda: [broken])
    (error,) = check_lexicon_files()
    assert error.id == "rahnuma_search.E001"
    assert "unknown spelling system 'xx'" in error.msg and str(broken) in error.msg
