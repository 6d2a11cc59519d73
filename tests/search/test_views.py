"""The public search page (no JavaScript needed), its JSON twin, suggestions, the anonymous query log and the admin."""

import pytest
from django.contrib.auth.models import Group, User

from search import querylog
from search.models import LexiconEntry, SearchQueryCount


@pytest.fixture
def client_on_site(client, demo_site):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def test_the_search_page_works_without_javascript(client_on_site):
    response = client_on_site.get("/en/search/", {"q": "veeza", "content_type": ["lesson", "guide_section"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form class="search-form" method="get" action="/en/search/" role="search">' in html
    assert 'name="content_type" value="lesson" checked' in html
    assert "<mark>visa</mark>" in html
    assert 'class="search-result-title" href="/en/' in html
    assert "Did you mean:" in html and ">visa</a>" in html


def test_the_search_page_is_right_to_left_in_urdu_and_marks_each_results_language(client_on_site):
    html = client_on_site.get("/ur/search/", {"q": "veeza", "page_size": "30"}).content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert 'class="search-result" lang="ur" dir="rtl"' in html
    assert 'class="search-result" lang="en" dir="ltr"' in html
    assert "رہنمائی، اسباق اور مدد کے رابطوں میں تلاش کریں" in html and "نتائج چھانٹیں" in html
    assert "رہنمائی کا حصہ" in html, "content types are named in Urdu"
    punjabi = client_on_site.get("/pnb/search/", {"q": "veeza"}).content.decode()
    assert '<html lang="pnb" dir="rtl">' in punjabi and "نتیجے چھانٹو" in punjabi


def test_pages_of_results_link_to_each_other(client_on_site):
    first = client_on_site.get("/en/search/", {"q": "saudi", "page_size": "5"}).content.decode()
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client_on_site.get("/en/search/", {"q": "saudi", "page_size": "5", "page": "2"}).content.decode()
    assert 'rel="prev"' in second


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 201}, "too long"),
        ({"q": "visa", "page": "0"}, "page must be a whole number"),
        ({"q": "visa", "page": "abc"}, "page must be a whole number"),
        ({"q": "visa", "page_size": "1000"}, "page_size must be a whole number"),
        ({"q": "visa", "language": "fr"}, "'fr' is not a valid language"),
        ({"q": "visa", "content_type": "page"}, "'page' is not a valid content type"),
        ({"q": "visa", "country": "Saudi"}, "not a valid country"),
        ({"q": "visa", "publisher": "<script>"}, "not a valid publisher"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client_on_site, params, message):
    page = client_on_site.get("/en/search/", params)
    assert page.status_code == 400
    assert message in page.content.decode().replace("&#x27;", "'")
    assert "<script>" not in page.content.decode()
    data = client_on_site.get("/en/search/json/", params)
    assert data.status_code == 400
    assert message in data.json()["error"]


def test_the_json_endpoint(client_on_site):
    data = client_on_site.get("/ur/search/json/", {"q": "naukri saudia", "language": ["ur", "pnb"]}).json()
    assert data["normalised_query"] == "naukri saudia"
    assert data["total"] > 0 and data["backend"] == "database" and not data["degraded"]
    assert {result["language"] for result in data["results"]} <= {"ur", "pnb"}
    first = data["results"][0]
    assert set(first) == {
        "id",
        "title",
        "snippet",
        "url",
        "content_type",
        "language",
        "country",
        "publisher",
        "pack_id",
        "key",
    }
    assert first["url"].startswith("/ur/") or first["url"].startswith("/pnb/")
    languages = {value["value"]: value for value in data["facets"]["language"]}
    assert languages["ur"]["selected"] and languages["en"]["count"] > 0 and not languages["en"]["selected"]


def test_suggestions(client_on_site):
    data = client_on_site.get("/en/search/suggest/", {"q": "scaff"}).json()
    assert data["suggestions"] == ["Working at height and on scaffolding"]
    assert client_on_site.get("/en/search/suggest/", {"q": ""}).json()["suggestions"] == []
    assert client_on_site.get("/en/search/suggest/", {"q": "x" * 101}).status_code == 400


def test_queries_are_counted_per_day_without_personal_data(client_on_site):
    client_on_site.get("/en/search/", {"q": "  Hundi "}, REMOTE_ADDR="203.0.113.9")
    client_on_site.get("/en/search/json/", {"q": "hundi"})
    client_on_site.get("/en/search/", {"q": "hundi", "page": "2"})  # paging is not another search
    client_on_site.get("/ur/search/", {"q": "xylophonequartz"})
    querylog.write_pending()
    rows = {(row.query, row.language): (row.searches, row.zero_results) for row in SearchQueryCount.objects.all()}
    assert rows == {("hundi", "en"): (2, 0), ("xylophonequartz", "ur"): (1, 1)}
    fields = {field.name for field in SearchQueryCount._meta.get_fields()}
    assert fields == {"id", "day", "query", "language", "searches", "zero_results"}


def test_counts_are_held_and_written_together(client_on_site, settings):
    settings.SEARCH_LOG_WRITE_SECONDS = 3600
    querylog.write_pending()  # the hour starts now
    for _ in range(3):
        client_on_site.get("/en/search/", {"q": "hundi"})
    assert not SearchQueryCount.objects.exists()

    querylog.write_pending()
    querylog.write_pending()  # nothing more to write
    assert SearchQueryCount.objects.get(query="hundi").searches == 3

    querylog.record("hundi", "en", found=1)  # held: the hour is not over
    settings.SEARCH_LOG_WRITE_SECONDS = 0
    client_on_site.get("/en/search/", {"q": "hundi"})  # due: writes its own count and the one held
    assert SearchQueryCount.objects.get(query="hundi").searches == 5


def test_editors_see_search_terms_and_edit_spellings_in_the_admin(client, demo_site):
    SearchQueryCount.objects.create(query="xylophonequartz", language="ur", searches=3, zero_results=3)
    SearchQueryCount.objects.create(query="visa", language="en", searches=9, zero_results=0)
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    outsider = User.objects.create_user("outsider", password="pw", is_staff=True)
    outsider.user_permissions.add(*Group.objects.get(name="Editors").permissions.filter(codename="access_admin"))

    client.force_login(outsider)
    assert client.get("/admin/search-terms/").status_code in {302, 403}
    client.force_login(editor)
    report = client.get("/admin/search-terms/")
    assert report.status_code == 200
    html = report.content.decode()
    assert html.index("xylophonequartz") < html.index("Most searched") < html.index(">visa<")

    assert 'href="/admin/snippets/rahnuma_search/lexiconentry/add/?key=visa"' in html
    copy_form = client.get("/admin/snippets/rahnuma_search/lexiconentry/add/", {"key": "visa"}).content.decode()
    assert 'value="visa"' in copy_form and "veeza" in copy_form and "ویزا" in copy_form

    listing = client.get("/admin/snippets/rahnuma_search/lexiconentry/")
    assert listing.status_code == 200
    created = client.post(
        "/admin/snippets/rahnuma_search/lexiconentry/add/",
        {
            "key": "xylophone",
            "english": "xylophone",
            "urdu": "",
            "shahmukhi": "",
            "roman": "xylophonequartz",
            "enabled": "on",
        },
    )
    assert created.status_code == 302
    assert LexiconEntry.objects.get(key="xylophone").roman == "xylophonequartz"
    refused = client.post("/admin/snippets/rahnuma_search/lexiconentry/add/", {"key": "empty", "enabled": "on"})
    assert refused.status_code == 200 and not LexiconEntry.objects.filter(key="empty").exists()
