"""Fixtures of the search tests: the demo content once per module, and each backend to search it with.

``demo_site`` installs every first-party plugin's packs (what `make demo` serves) once for all the
tests in this folder, inside a transaction rolled back when they end, so they share one install
(pytest runs a folder's tests together). Each test still runs in its own savepoint, rolled back after it.
``backend`` runs a test once per backend: the database, and Elasticsearch (marked `elasticsearch`,
so `make test-elasticsearch` runs those on a real node and the SQLite run leaves them out).
"""

import os
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from wagtail.models import Site

from search.reread import RereadCopy

# First-party plugins live in the repository's plugins/ folder; the tests' dummy plugin does not.
PLUGINS_FOLDER = Path(__file__).resolve().parents[2] / "plugins"
# One alias per test session, so runs sharing a node never see each other's documents.
TEST_INDEX = f"rahnuma-test-{uuid.uuid4().hex[:8]}"


def demo_plugins():
    """The installed plugins `make demo` serves: every one loaded from plugins/, by label."""
    from cms.plugins.registry import installed_plugins

    return [
        plugin
        for plugin in installed_plugins()
        if Path(apps.get_app_config(plugin.label).path).resolve().is_relative_to(PLUGINS_FOLDER)
    ]


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    from cms.core.site_structure import set_up_site
    from cms.plugins.services import enable_plugin

    with django_db_blocker.unblock(), transaction.atomic():
        site = set_up_site("localhost", 80, default=True)
        for plugin in demo_plugins():
            enable_plugin(plugin, site)
        RereadCopy.forget_every_copy()  # the package's rows were added inside this transaction
        yield site
        transaction.set_rollback(True)
    RereadCopy.forget_every_copy()
    Site.clear_site_root_paths_cache()


@pytest.fixture
def best_answers():
    """The items search/relevance/judgements.yaml grades 3 (or at least ``grade``) for a judged query, by its id."""
    from search.evaluation import load_judgements

    judged = {query.id: query for query in load_judgements()}
    return lambda query_id, grade=3: {key for key, given in judged[query_id].relevant.items() if given >= grade}


@pytest.fixture
def elasticsearch_settings(settings):
    """Settings that make Elasticsearch the search backend, on this session's own index alias."""
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
    settings.ELASTICSEARCH_INDEX = TEST_INDEX
    return settings


_built_for = set()


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, demo_site, db):
    """Each backend in turn, searching the demo content (Elasticsearch's index built once; tests that
    change the index use ``fresh_index`` instead)."""
    if request.param == "database":
        from search.backends.database import DatabaseBackend

        return DatabaseBackend()
    request.getfixturevalue("elasticsearch_settings")
    from search.backends.elasticsearch import ElasticsearchBackend, shared_index

    index = shared_index()
    if demo_site.pk not in _built_for:
        index.rebuild()
        _built_for.add(demo_site.pk)
    return ElasticsearchBackend(index)


def pytest_sessionfinish(session, exitstatus):
    """Delete this session's test index from the node."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        return
    from elasticsearch import Elasticsearch

    client = Elasticsearch(url)
    for index in client.indices.get(index=f"{TEST_INDEX}*", allow_no_indices=True):
        client.indices.delete(index=index)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Tests on the demo content use the database even when they ask for no other fixture than
    ``demo_site``; marked before pytest-django decides which test databases to create."""
    for item in items:
        if "demo_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture
def fresh_index(elasticsearch_settings):
    """An index alias of this test's own (for tests that change the index), deleted afterwards."""
    from search.backends.elasticsearch import shared_index

    elasticsearch_settings.ELASTICSEARCH_INDEX = f"{TEST_INDEX}-{uuid.uuid4().hex[:6]}"
    index = shared_index()
    yield index
    index.drop()
