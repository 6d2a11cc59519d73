"""`manage.py search_index` and `manage.py search_eval`."""

import json

import pytest
from django.core.management import CommandError, call_command

from search.models import SearchDocument


def documents_by_language():
    return {language: SearchDocument.objects.filter(language=language).count() for language in ("en", "pnb", "ur")}


def test_search_index_documents_and_status(demo_site, capsys):
    before = documents_by_language()
    SearchDocument.objects.filter(language="pnb").delete()
    call_command("search_index", "documents")
    assert f"{sum(before.values())} search documents up to date" in capsys.readouterr().out
    assert documents_by_language() == before and before["pnb"] > 0
    call_command("search_index", "status")
    counts = ", ".join(f"{language} {count}" for language, count in before.items())
    assert f"search backend: database; documents: {counts}" in capsys.readouterr().out


@pytest.mark.elasticsearch
def test_search_index_rebuild_swaps_the_alias(demo_site, fresh_index, capsys):
    call_command("search_index", "rebuild")
    first = fresh_index.indices()
    call_command("search_index", "rebuild")
    out = capsys.readouterr().out
    assert f"old indices removed: {first[0]}" in out
    call_command("search_index", "status")
    documents = SearchDocument.objects.count()
    assert f"{fresh_index.alias} -> {fresh_index.indices()[0]}: {documents} documents" in capsys.readouterr().out


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
