"""Search and reference index updates held back during a pack install (cms.packs.indexing)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from modelsearch.index import get_indexed_models, insert_or_update_object
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from cms.learning.models import LessonPage
from cms.packs.importer import install_pack
from cms.packs.indexing import deferred_index_updates
from tests.test_pack_media import IMAGE_BLOCK, add_image, add_to_lesson


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


def _index_entries():
    return sorted(IndexEntry.objects.values_list("content_type_id", "object_id", "title", "autocomplete", "body"))


def test_an_install_indexes_each_object_as_indexing_it_alone_would(site, pack_copy):
    install_pack(pack_copy, site)  # indexed a model at a time, at the end
    installed = _index_entries()
    lessons = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(LessonPage))
    assert sorted(lessons.values_list("title", flat=True)) == ["Your contract", "آپ کا معاہدہ"]  # en and ur
    IndexEntry.objects.all().delete()
    for model in get_indexed_models():
        # The tree's root page is made by a migration, which indexes nothing.
        for instance in (
            model.objects.exclude(pk=Page.get_first_root_node().pk) if issubclass(model, Page) else model.objects.all()
        ):
            insert_or_update_object(instance)
    assert _index_entries() == installed


def _references():
    return sorted(
        ReferenceIndex.objects.values_list(
            "content_type_id", "base_content_type_id", "object_id", "to_content_type_id", "to_object_id", "content_path"
        )
    )


def test_an_install_records_each_objects_references_as_wagtail_would(site, pack_copy):
    add_image(pack_copy)
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    install_pack(pack_copy, site)  # recorded a model at a time, at the end
    installed = _references()
    image_type = ContentType.objects.get_for_model(get_image_model())
    lessons = LessonPage.objects.values_list("pk", flat=True)
    assert {str(pk) for pk in lessons} <= {
        object_id for _, _, object_id, to_type, _, _ in installed if to_type == image_type.pk
    }  # each language's lesson shows its picture
    ReferenceIndex.objects.all().delete()
    call_command("rebuild_references_index", verbosity=0)
    assert _references() == installed
