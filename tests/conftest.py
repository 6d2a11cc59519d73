import os
import shutil
from pathlib import Path

import pytest

# Fixtures shared by the browser tests (the `chromium` fixture).
pytest_plugins = ["tests.browser"]

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


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: a page, a throttle count or a kept route of one test is not another's."""
    from django.core.cache import caches

    from cms.core.content_memo import ContentMemo
    from search import querylog
    from search.reread import RereadCopy

    for cache in caches.all(initialized_only=True):
        cache.clear()
    # Each test's database starts from the same content generation, so values kept under it may be another test's;
    # search's copies of rows (search.reread) may be of rows a rolled-back test added, which sent no signal.
    ContentMemo.clear_every_memo()
    RereadCopy.forget_every_copy()
    yield
    # Counts a test held are never written: at exit (search.querylog) its database is gone, or is another.
    querylog.forget_pending()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request through the test client leaves the language it
    activated (LocaleMiddleware) active in the thread, and a later test's messages came out in Urdu."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def site(db):
    from cms.core.site_structure import set_up_site

    return set_up_site("localhost", 80, default=True)


@pytest.fixture
def course(site, pack_copy):
    """The example pack (a course of one lesson with a quiz, a guide, contacts) installed in ``site``."""
    from cms.packs.importer import install_pack

    install_pack(pack_copy, site)
    return site


def pytest_runtest_setup(item):
    """Tests marked `postgres` need DATABASE_URL on PostgreSQL (`make test-postgres` starts one), and tests
    marked `redis` need REDIS_URL on a Redis server (scripts/with_redis.py starts one), and tests marked
    `elasticsearch` need ELASTICSEARCH_URL (scripts/elasticsearch.py starts a node).

    Without it they are skipped, except in CI (CI=true), where a skipped test would hide that nothing ran
    on that server: there they fail. Checked before any fixture, so no database is set up for them.
    """
    if item.get_closest_marker("postgres") is not None:
        from django.db import connection

        if connection.vendor != "postgresql":
            _missing(f"needs DATABASE_URL on PostgreSQL (make test-postgres), the database is {connection.vendor}")
    if item.get_closest_marker("redis") is not None:
        from django.conf import settings

        from cms.settings.backends import REDIS

        if settings.CACHES["default"]["BACKEND"] != REDIS:
            _missing("needs REDIS_URL on a Redis server (scripts/with_redis.py)")
    if item.get_closest_marker("elasticsearch") is not None and not os.environ.get("ELASTICSEARCH_URL"):
        _missing("needs ELASTICSEARCH_URL on an Elasticsearch 8 node (make test-elasticsearch)")


def _missing(reason):
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason}; in CI no such test may be skipped", pytrace=False)
    pytest.skip(reason)
