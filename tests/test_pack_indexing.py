"""Search index updates held back during a pack install (cms.packs.indexing)."""

import pytest
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from cms.packs.indexing import deferred_index_updates


def _indexed_titles(page):
    return list(IndexEntry.objects.filter(object_id=str(page.pk)).values_list("title", flat=True))


def _new_page(title):
    page = Page(title=title, slug=title.lower())
    Page.objects.get(depth=1).add_child(instance=page)
    return page


def test_saves_are_indexed_once_as_they_finally_stand(db):
    with deferred_index_updates():
        page = _new_page("Draft")
        assert _indexed_titles(page) == []
        page.title = "Final"
        page.save()
        with deferred_index_updates():  # a nested block joins the outer one
            page.save()
        assert _indexed_titles(page) == []
    assert _indexed_titles(page) == ["Final"]


def test_an_error_drops_the_updates_and_saves_index_at_once_again(db):
    with pytest.raises(RuntimeError), deferred_index_updates():
        page = _new_page("Failed")
        raise RuntimeError("install failed")
    assert _indexed_titles(page) == []
    page.save()
    assert _indexed_titles(page) == ["Failed"]
