"""`manage.py search_index` and `manage.py search_eval`."""

import json

import pytest
from django.core.management import CommandError, call_command

from search.models import SearchDocument


def test_search_index_documents_and_status(demo_site, capsys):
    SearchDocument.objects.filter(language="pnb").delete()
    call_command("search_index", "documents")
    assert "121 search documents up to date" in capsys.readouterr().out
    call_command("search_index", "status")
    assert "search backend: database; documents: en 42, pnb 37, ur 42" in capsys.readouterr().out


@pytest.mark.elasticsearch
def test_search_index_rebuild_swaps_the_alias(demo_site, fresh_index, capsys):
    call_command("search_index", "rebuild")
    first = fresh_index.indices()
    call_command("search_index", "rebuild")
    out = capsys.readouterr().out
    assert f"old indices removed: {first[0]}" in out
    call_command("search_index", "status")
    assert f"{fresh_index.alias} -> {fresh_index.indices()[0]}: 121 documents" in capsys.readouterr().out


def test_search_index_reports_an_unreachable_node(demo_site, elasticsearch_settings):
    elasticsearch_settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    elasticsearch_settings.ELASTICSEARCH_INDEX = "rahnuma-unreachable"
    with pytest.raises(CommandError, match=r"Elasticsearch at http://127\.0\.0\.1:9"):
        call_command("search_index", "status")


def test_search_eval_prints_the_figures(demo_site, capsys, settings):
    settings.ELASTICSEARCH_URL = ""
    call_command("search_eval", "--backend", "database", "--json")
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"database"}
    assert figures["database"]["overall"]["ndcg@10"] > 0.6
    call_command("search_eval", "--backend", "database")
    table = capsys.readouterr().out
    assert "nDCG@10" in table and "misspelling" in table and "overall" in table
