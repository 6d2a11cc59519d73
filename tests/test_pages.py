"""Every public page type renders in every language with the right lang and dir."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from cms.packs.importer import install_pack

pytestmark = pytest.mark.django_db

PAGES = [
    "",  # home
    "countries/",
    "countries/atlantis-guide/",
    "countries/atlantis-guide/atlantis-at-a-glance/",
    "courses/",
    "courses/atlantis-course/",
    "courses/atlantis-course/atlantis-contract/",
    "contacts/",
]
LANGUAGES = [("en", "ltr"), ("ur", "rtl"), ("pnb", "rtl")]


@pytest.fixture
def installed(site, three_language_pack):
    install_pack(three_language_pack, site)
    return site


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_in_language(client, installed, path, language, direction):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_urdu_page_shows_urdu_content(client, installed):
    html = client.get("/ur/countries/atlantis-guide/atlantis-at-a-glance/").content.decode()
    assert "<h1>اٹلانٹس ایک نظر میں</h1>" in html
    assert "<dt>دارالحکومت</dt>" in html
    assert "خبردار" in html  # the interface itself is in Urdu too


def test_language_switcher_links_each_translation_in_its_own_script(client, installed):
    html = client.get("/en/courses/atlantis-course/atlantis-contract/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    for code, name in (("en", "English"), ("ur", "اردو"), ("pnb", "پنجابی")):
        assert re.search(
            rf'href="/{code}/courses/atlantis-course/atlantis-contract/" lang="{code}"[^>]*>{name}<', switcher
        )


def test_quiz_shows_questions_but_never_the_answers(client, installed):
    html = client.get("/en/courses/atlantis-course/atlantis-contract/").content.decode()
    assert "When should you read your contract?" in html
    assert "Before you sign it." in html
    assert "Once you sign, it is too late" not in html  # feedback arrives only after answering
    assert "correct" not in html.lower()


def test_bare_root_redirects_to_a_language(client, installed):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_nastaliq_font_is_served_by_the_site(client, installed):
    css = finders.find("web/css/site.css")
    font_urls = re.findall(r'url\("\.\./\.\./(fonts/[^"]+)"\)', Path(css).read_text())
    assert font_urls
    for url in font_urls:
        assert finders.find(url), f"{url} is not among the static files (run npm ci)"
    html = client.get("/ur/").content.decode()
    assert "https://" not in re.sub(r'<a [^>]*href="https://[^"]*"', "", html)  # no external assets


def test_markdown_body_cannot_inject_script(client, site, pack_copy):
    lesson = pack_copy / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text() + '\nA [trick](https://x.org/" onmouseover="alert(1)) link.\n')
    install_pack(pack_copy, site)
    html = client.get("/en/courses/atlantis-course/atlantis-contract/").content.decode()
    assert "trick" in html
    assert not re.search(r"<[^>]*\sonmouseover=", html)  # shown as text at most, never an attribute


def test_missing_page_gets_a_themed_404_in_the_visitors_language(client, installed):
    response = client.get("/ur/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "صفحہ نہیں ملا" in html
    assert 'href="/ur/courses/"' in html  # the menu still leads somewhere useful
