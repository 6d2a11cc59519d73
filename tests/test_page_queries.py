"""An uncached page view costs a small, fixed number of queries (issue 8): what it shares with other
views (which page the path routes to, the page itself, the main navigation, the language links) is read
once and kept until the content changes (cms.core.content_memo)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cms.core.content_memo import ContentMemo
from cms.core.page_cache import invalidate
from cms.learning.models import LessonPage
from cms.packs.importer import install_pack
from tests.learning_helpers import ARRIVAL_URL, CONTRACT_URL, COURSE_URL, add_arrival_lesson

SECTION_URL = "/en/countries/atlantis-guide/atlantis-at-a-glance/"
# What a view of a page seen before costs: what the page shows that is not kept (cms.core.page_routes,
# cms.core.page_neighbours, cms.core.view_restrictions, {% h5p_activity %}): a course its lessons (with their
# bodies, for the learner's progress) and their H5P activities, the directory its filters' choices (its list
# of contacts is kept, ContactDirectoryPage.list_cache_key).
QUERIES_PER_VIEW = {
    "/en/": 0,
    SECTION_URL: 0,
    CONTRACT_URL.format(language="en"): 0,
    COURSE_URL.format(language="en"): 2,
    "/en/contacts/": 3,
}


def queries_of_view(client, url) -> int:
    """The queries of one view of ``url`` that no page cache answers (its query string is new)."""
    queries_of_view.counter += 1
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"view": queries_of_view.counter})
    assert response.status_code == 200, url
    return len(queries)


queries_of_view.counter = 0


@pytest.mark.django_db
@pytest.mark.parametrize("url", QUERIES_PER_VIEW)
def test_a_page_seen_before_costs_a_fixed_few_queries(course, url, settings):
    settings.RAHNUMA_PAGE_CACHE_CHECK_SECONDS = 60  # as in production: the generation is not read on every lookup
    client = Client()
    first = queries_of_view(client, url)  # Wagtail routes the path
    queries_of_view(client, url)  # the route is kept: the page is read by its id, and kept
    again = queries_of_view(client, url)
    assert again == QUERIES_PER_VIEW[url]
    assert again < first


@pytest.mark.django_db
def test_each_path_keeps_its_own_page_and_follows_unpublishing(course):
    client = Client()
    section = client.get(SECTION_URL).content.decode()
    lesson = client.get(CONTRACT_URL.format(language="en"), {"again": 1}).content.decode()
    assert "Atlantis at a glance" in section and "Atlantis at a glance" not in lesson
    assert "Atlantis at a glance" in client.get(SECTION_URL, {"again": 1}).content.decode()

    Page.objects.get(url_path__endswith="/atlantis-at-a-glance/", locale__language_code="en").unpublish()
    assert client.get(SECTION_URL, {"after": 1}).status_code == 404


@pytest.mark.django_db
def test_a_kept_page_gives_way_to_its_next_published_revision(course):
    client = Client()
    for view in range(3):  # routed, read by its id, then kept
        assert "Atlantis at a glance" in client.get(SECTION_URL, {"before": view}).content.decode()

    section = _section_page().specific
    section.title = "Atlantis in brief"
    section.save_revision().publish()
    shown = client.get(SECTION_URL, {"after": 1}).content.decode()
    assert "Atlantis in brief" in shown and "Atlantis at a glance" not in shown


@pytest.mark.django_db
def test_a_memo_keeps_values_until_the_content_changes():
    memo = ContentMemo(maxsize=2)
    computed = []

    def compute(value):
        computed.append(value)
        return value

    assert memo.get(("a",), lambda: compute("a")) == "a"
    assert memo.get(("a",), lambda: compute("other")) == "a"
    invalidate()
    assert memo.get(("a",), lambda: compute("a again")) == "a again"
    memo.get(("b",), lambda: compute("b"))
    memo.get(("c",), lambda: compute("c"))  # only two kept: "a" goes
    assert memo.get(("a",), lambda: compute("a once more")) == "a once more"
    assert computed == ["a", "a again", "b", "c", "a once more"]


def _section_page(language="en"):
    return Page.objects.get(url_path__endswith="/atlantis-at-a-glance/", locale__language_code=language)


@pytest.mark.django_db
def test_a_restriction_on_an_ancestor_covers_a_page_seen_before(course):
    client = Client()
    assert client.get(SECTION_URL, {"before": 1}).status_code == 200
    guide = _section_page().get_parent()

    restriction = PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    refused = client.get(SECTION_URL, {"restricted": 1})
    assert refused.status_code == 302 and "login" in refused["Location"]

    restriction.delete()
    assert client.get(SECTION_URL, {"after": 1}).status_code == 200


@pytest.mark.django_db
def test_an_alias_counts_as_its_restricted_source(course):
    section = _section_page()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    alias = section.create_alias(update_slug="atlantis-at-a-glance-again")

    assert [restriction.page_id for restriction in alias.get_view_restrictions()] == [section.pk]
    assert not section.get_parent().specific.get_view_restrictions().exists()


@pytest.mark.django_db
def test_the_list_of_a_guides_sections_follows_unpublishing(course):
    section = _section_page().specific
    section.copy(update_attrs={"slug": "atlantis-in-detail", "title": "Atlantis in detail"})
    client = Client()
    assert "Atlantis in detail</a>" in client.get(SECTION_URL, {"before": 1}).content.decode()

    Page.objects.get(slug="atlantis-in-detail").unpublish()
    shown = client.get(SECTION_URL, {"after": 1}).content.decode()
    assert "Atlantis in detail" not in shown and "Atlantis at a glance</a>" in shown


@pytest.mark.django_db
def test_a_lessons_links_to_its_neighbours_follow_unpublishing(site, pack_copy):
    install_pack(add_arrival_lesson(pack_copy), site)
    client = Client()
    first = client.get(CONTRACT_URL.format(language="en"), {"before": 1}).content.decode()
    assert "Lesson 1 of 2" in first and 'rel="next"' in first

    LessonPage.objects.get(url_path__endswith="/atlantis-arrival/", locale__language_code="en").unpublish()
    alone = client.get(CONTRACT_URL.format(language="en"), {"after": 1}).content.decode()
    assert "Lesson 1 of 1" in alone and 'rel="next"' not in alone
    assert client.get(ARRIVAL_URL.format(language="en")).status_code == 404
