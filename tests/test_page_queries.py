"""An uncached page view costs a small, fixed number of queries (issue 8): what it shares with other
views (which page the path routes to, the main navigation, the language links) is read once and
kept until the content changes (cms.core.content_memo)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.core.content_memo import ContentMemo
from cms.core.page_cache import invalidate
from tests.learning_helpers import CONTRACT_URL, COURSE_URL

SECTION_URL = "/en/countries/atlantis-guide/atlantis-at-a-glance/"
# Each view: the page, Wagtail's view-restriction check (two queries), then what the page shows:
# the home page its sections (a query per page type), a section or lesson its parent and siblings,
# a course its lessons and parent, the directory its filters' choices (its list of contacts is kept,
# ContactDirectoryPage.list_cache_key); a lesson or course also its H5P activities (one query).
QUERIES_PER_VIEW = {
    "/en/": 7,
    SECTION_URL: 5,
    CONTRACT_URL.format(language="en"): 6,
    COURSE_URL.format(language="en"): 6,
    "/en/contacts/": 6,
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
    first = queries_of_view(client, url)
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
