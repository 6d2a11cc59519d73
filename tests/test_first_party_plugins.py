"""Contract tests over every installed plugin: its packs validate, install and render in each language."""

import pytest

from cms.plugins.registry import installed_plugins
from cms.plugins.services import enable_plugin, plugin_pages
from course_packs import read_pack

PLUGINS = [plugin for plugin in installed_plugins()]


@pytest.mark.parametrize("plugin", PLUGINS, ids=[p.label for p in PLUGINS])
def test_packs_are_valid_and_match_the_plugin(plugin):
    assert plugin.pack_paths, f"{plugin.label} ships no pack"
    for path in plugin.pack_paths:
        pack = read_pack(path)
        assert pack.warnings == []
        assert pack.manifest.publisher == plugin.publisher
        assert set(pack.manifest.languages) <= set(plugin.locales)


@pytest.mark.django_db
@pytest.mark.parametrize("plugin", PLUGINS, ids=[p.label for p in PLUGINS])
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
    for key in course.meta.lessons:
        quiz = pack.quizzes[pack.lessons[key].meta.quiz].meta
        assert 3 <= len(quiz.questions) <= 5
    for language in ("ur", "pnb"):
        catalogue = pack.catalogues[language]
        for item in [*pack.sections.values(), *pack.lessons.values()]:
            assert catalogue.get(f"{item.key}:title", item.meta.title), f"{item.key} has no {language} title"
    for contact in pack.contacts.values():
        assert pack.catalogues["ur"].get(f"{contact.key}:organisation", contact.meta.organisation)
