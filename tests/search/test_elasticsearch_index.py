"""The Elasticsearch index: rebuilt behind its alias, kept up to date, and the database answering when it is down."""

import functools
import logging

import pytest
from elasticsearch.dsl import Search

from cms.guides.models import GuideSectionPage
from cms.packs.importer import install_pack
from search import api
from search.backends import elasticsearch as elasticsearch_backend
from search.backends.elasticsearch import ElasticsearchBackend, IndexedDocument, SearchIndex
from search.models import SearchDocument
from search.query import SearchRequest
from tests.conftest import EXAMPLE_PACK


def indexed_ids(index, **filters):
    search = Search(using=index.client, index=index.alias).extra(size=1000).source(False)
    for field, value in filters.items():
        search = search.filter("term", **{field: value})
    return {hit.meta.id for hit in search.execute()}


@pytest.mark.elasticsearch
def test_rebuild_fills_a_new_index_and_swaps_the_alias(demo_site, fresh_index):
    first = fresh_index.rebuild()
    assert first["documents"] == SearchDocument.objects.count() > 100
    assert fresh_index.indices() == [first["index"]]
    second = fresh_index.rebuild()
    assert fresh_index.indices() == [second["index"]] != [first["index"]]
    assert second["removed_indices"] == [first["index"]]
    assert not fresh_index.client.indices.exists(index=first["index"])
    assert indexed_ids(fresh_index) == set(SearchDocument.objects.values_list("doc_id", flat=True))


@pytest.mark.elasticsearch
def test_a_rebuilt_index_is_merged_into_one_segment(demo_site, fresh_index, monkeypatch):
    # Each bulk request refreshed, as a larger site's indexing spans several refreshes: a segment each.
    bulk = elasticsearch_backend.helpers.bulk
    monkeypatch.setattr(elasticsearch_backend, "BULK_CHUNK", 100)
    monkeypatch.setattr(elasticsearch_backend.helpers, "bulk", functools.partial(bulk, refresh=True))
    built = fresh_index.rebuild()
    shards = fresh_index.client.indices.segments(index=built["index"])["indices"][built["index"]]["shards"]
    segments = [segment for copies in shards.values() for copy in copies for segment in copy["segments"]]
    assert len(segments) == 1


@pytest.mark.elasticsearch
def test_the_mapping_uses_only_server_core_features(demo_site, fresh_index):
    fresh_index.ensure()
    (name,) = fresh_index.indices()
    properties = fresh_index.client.indices.get_mapping(index=name)[name]["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "whitespace"
    assert "index_prefixes" in properties["title"]
    assert properties["language"]["type"] == "keyword"
    assert IndexedDocument._doc_type.mapping.to_dict() == {"properties": properties}


@pytest.mark.elasticsearch
def test_publishing_and_unpublishing_reach_the_index_after_commit(
    demo_site, fresh_index, django_capture_on_commit_callbacks
):
    fresh_index.rebuild()
    page = GuideSectionPage.objects.get(pack_key="sa-scams", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert f"page-{page.pk}" not in indexed_ids(fresh_index)
    page.title = "Scams and how to spot them"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert f"page-{page.pk}" in indexed_ids(fresh_index)
    response = api.search(SearchRequest(text="spot", language="en", site_id=demo_site.pk))
    assert response.backend == "elasticsearch"
    assert response.hits[0].item_key == "sa-scams", "the word in its new title ranks it first"


@pytest.mark.elasticsearch
def test_installing_a_pack_indexes_its_content(demo_site, fresh_index, django_capture_on_commit_callbacks):
    fresh_index.ensure()
    with django_capture_on_commit_callbacks(execute=True):
        install_pack(EXAMPLE_PACK, demo_site)
    rows = set(SearchDocument.objects.filter(pack_id="example.atlantis").values_list("doc_id", flat=True))
    assert rows and indexed_ids(fresh_index) == rows
    response = api.search(SearchRequest(text="atlantis", language="en", site_id=demo_site.pk))
    assert response.backend == "elasticsearch" and response.total > 0


def test_search_answers_from_the_database_when_elasticsearch_is_down(
    demo_site, elasticsearch_settings, caplog, best_answers
):
    elasticsearch_settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    backend = ElasticsearchBackend(SearchIndex("http://127.0.0.1:9", "rahnuma-down"))
    with caplog.at_level(logging.WARNING, logger="search.api"):
        response = api.search(SearchRequest(text="hundi", language="en", site_id=demo_site.pk), backend=backend)
    assert response.degraded and response.backend == "database"
    assert response.hits[0].item_key in best_answers("en-hundi")
    assert "elasticsearch is unavailable" in caplog.text
    with caplog.at_level(logging.WARNING, logger="search.api"):
        assert "Money and sending it home" in api.suggest(
            "mone", SearchRequest(text="", language="en", site_id=demo_site.pk)
        )


def test_an_update_while_elasticsearch_is_down_is_logged_not_raised(demo_site, caplog):
    index = SearchIndex("http://127.0.0.1:9", "rahnuma-down")
    index.queue_update(SearchDocument.objects.first().doc_id)
    with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch"):
        index.flush()
    assert "could not update 1 documents in Elasticsearch" in caplog.text
