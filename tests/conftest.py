import os
import shutil
from pathlib import Path

import pytest

EXAMPLE_PACK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "example-pack"


@pytest.fixture
def pack_copy(tmp_path):
    """A writable copy of the documented example pack, to break or extend in a test."""
    target = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, target)
    return target


@pytest.fixture
def three_language_pack(pack_copy):
    """The example pack also declaring Punjabi (Shahmukhi); its pages fall back to English text."""
    manifest = pack_copy / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("languages: [en, ur]", "languages: [en, ur, pnb]"))
    return pack_copy


@pytest.fixture
def site(db):
    from cms.core.site_structure import set_up_site

    return set_up_site("localhost", 80, default=True)


def pytest_runtest_setup(item):
    """Tests marked `postgres` need DATABASE_URL on PostgreSQL (`make test-postgres` starts one).

    Without it they are skipped, except in CI (CI=true), where a skipped PostgreSQL test would hide that
    nothing ran on PostgreSQL: there they fail. Checked before any fixture, so no database is set up for them.
    """
    if item.get_closest_marker("postgres") is None:
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    reason = f"needs DATABASE_URL on PostgreSQL (make test-postgres), the database is {connection.vendor}"
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason}; in CI no PostgreSQL test may be skipped", pytrace=False)
    pytest.skip(reason)
