"""Search documents follow the content: installs, publishing, unpublishing, contacts, plugins switched off."""

import pytest

from cms.contacts.models import Contact
from cms.guides.models import GuideSectionPage
from cms.learning.models import LessonPage
from cms.plugins.registry import get_plugin
from cms.plugins.services import disable_plugin, enable_plugin
from search.documents import rebuild_documents, stream_text
from search.models import SearchDocument


def documents_of(item_key):
    return SearchDocument.objects.filter(item_key=item_key)


def test_an_install_makes_one_document_per_live_item_and_language(demo_site):
    sections = documents_of("sa-legal-route")
    assert sorted(sections.values_list("language", flat=True)) == ["en", "pnb", "ur"]
    section = sections.get(language="ur")
    assert (section.content_type, section.country, section.publisher) == ("guide_section", "SA", "rahnuma")
    assert section.title == "سعودی عرب جانے کا قانونی طریقہ"
    assert section.site_id == demo_site.pk
    partner_lesson = documents_of("cs-heat-stress").get(language="en")
    assert (partner_lesson.content_type, partner_lesson.publisher) == ("lesson", "example-skills-partner")
    contact = documents_of("sa-musaned").get(language="en")
    assert (contact.content_type, contact.country, contact.page_id) == ("contact", "SA", None)
    assert "domestic" in contact.summary


def test_the_install_synced_each_document_once(demo_site):
    # Deferred to the install's end (cms.packs.indexing): a row saved once was never rewritten.
    counts = SearchDocument.objects.values_list("item_key", "language").distinct().count()
    assert counts == SearchDocument.objects.count()


def test_quiz_answers_are_not_searchable(demo_site):
    lesson = LessonPage.objects.get(pack_key="sa-pd-legal-route", locale__language_code="en")
    quiz = next(child for child in lesson.body if child.block_type == "quiz")
    feedback = [choice["feedback"] for question in quiz.value["questions"] for choice in question["choices"]]
    document = documents_of("sa-pd-legal-route").get(language="en")
    assert document.body == stream_text(lesson.body)
    assert not any(text and text in document.body for text in feedback)


def test_unpublishing_and_publishing_a_page(demo_site):
    page = GuideSectionPage.objects.get(pack_key="sa-scams", locale__language_code="ur")
    page.unpublish()
    assert not documents_of("sa-scams").filter(language="ur").exists()
    assert documents_of("sa-scams").filter(language="en").exists()
    page.title = "سعودی عرب کے راستے کے دھوکے"
    page.save_revision().publish()
    assert documents_of("sa-scams").get(language="ur").title == "سعودی عرب کے راستے کے دھوکے"


def test_a_draft_changes_nothing_until_published(demo_site):
    page = GuideSectionPage.objects.get(pack_key="sa-money", locale__language_code="en")
    page.title = "Draft title"
    page.save_revision()
    assert documents_of("sa-money").get(language="en").title == "Money and sending it home"


def test_deleting_a_page_deletes_its_document(demo_site):
    page = GuideSectionPage.objects.get(pack_key="sa-health", locale__language_code="pnb")
    page.delete()
    assert not documents_of("sa-health").filter(language="pnb").exists()


def test_contacts_follow_their_saves_and_the_plugin(demo_site):
    contact = Contact.objects.get(pack_key="sa-oec", locale__language_code="en")
    contact.description = "Recruits for government-to-government jobs."
    contact.save()
    assert documents_of("sa-oec").get(language="en").summary == "Recruits for government-to-government jobs."

    plugin = get_plugin("saudi_arabia")
    disable_plugin(plugin, demo_site)
    assert not SearchDocument.objects.filter(pack_id="rahnuma.saudi-arabia").exists()
    assert documents_of("cs-heat-stress").exists(), "the other plugin's content stays"
    enable_plugin(plugin, demo_site)
    assert documents_of("sa-oec").count() == 3
    assert documents_of("sa-legal-route").count() == 3


def test_rebuild_restores_missing_and_removes_stale_documents(demo_site):
    expected = set(SearchDocument.objects.values_list("doc_id", "title"))
    SearchDocument.objects.filter(item_key="sa-money").delete()
    SearchDocument.objects.create(doc_id="page-999999", language="en", content_type="lesson", title="Stale")
    assert rebuild_documents() == len(expected)
    assert set(SearchDocument.objects.values_list("doc_id", "title")) == expected


def test_the_sync_task_refuses_an_unknown_kind(db):
    from search.tasks import sync_search_document_task

    with pytest.raises(ValueError, match="unknown search document kind 'lesson'"):
        sync_search_document_task.call("lesson", 1)
