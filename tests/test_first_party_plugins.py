"""Contract tests over every installed plugin: its packs validate, install and render in each language.

A first-party plugin's packs are installed, and their pages rendered in every language, by the one
install of each pack in tests/test_first_party_content.py; the other plugins' pages are rendered here.
"""

import pytest

from cms.plugins.registry import installed_plugins
from cms.plugins.services import enable_plugin, plugin_pages
from course_packs import read_pack
from tests.first_party import is_first_party

PLUGINS = [plugin for plugin in installed_plugins()]
OTHER_PLUGINS = [plugin for plugin in PLUGINS if not is_first_party(plugin)]


@pytest.mark.parametrize("plugin", PLUGINS, ids=[p.label for p in PLUGINS])
def test_packs_are_valid_and_match_the_plugin(plugin):
    assert plugin.pack_paths, f"{plugin.label} ships no pack"
    languages = set()
    for path in plugin.pack_paths:
        pack = read_pack(path)
        assert pack.warnings == []
        assert pack.manifest.publisher == plugin.publisher
        languages |= set(pack.manifest.languages)
    # The languages the plugin declares are those its pages come in, neither more nor fewer.
    assert languages == set(plugin.locales)


@pytest.mark.django_db
@pytest.mark.parametrize("plugin", OTHER_PLUGINS, ids=[p.label for p in OTHER_PLUGINS])
def test_every_page_renders_in_every_language(plugin, site, client):
    enable_plugin(plugin, site)
    pages = list(plugin_pages(plugin, site).specific())
    languages = {page.locale.language_code for page in pages}
    assert languages == set(plugin.locales)
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f'lang="{page.locale.language_code}"'.encode() in response.content


def test_saudi_arabia_has_the_promised_content():
    pack = read_pack(next(p for p in installed_plugins() if p.label == "saudi_arabia").pack_paths[0])
    assert len(pack.sections) >= 8
    assert len(pack.contacts) >= 10
    (course,) = pack.courses.values()
    assert len(course.meta.lessons) >= 4
    # Stricter than the contract (tests/test_first_party_content.py), which lets a last lesson be a
    # longer final check: every check of this course, the last one too, has 3 to 5 questions.
    for key in course.meta.lessons:
        quiz = pack.quizzes[pack.lessons[key].meta.quiz].meta
        assert 3 <= len(quiz.questions) <= 5
