"""A guide section links the courses its front matter names (``courses``), as the site has them."""

import pytest

from cms.guides.models import GuideSectionPage
from cms.learning.models import CoursePage
from cms.packs.importer import install_pack
from course_packs import read_pack


@pytest.fixture
def linked_section(site, pack_copy):
    section = pack_copy / "guide" / "at-a-glance.md"
    text = section.read_text()
    section.write_text(
        text.replace(
            "owner: Example editorial team\n",
            "owner: Example editorial team\ncourses: [atlantis-course, cs-not-installed]\n",
            1,
        )
    )
    assert read_pack(pack_copy).sections["atlantis-at-a-glance"].meta.courses == ["atlantis-course", "cs-not-installed"]
    install_pack(pack_copy, site)
    return "atlantis-at-a-glance"


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_section_links_its_courses_in_the_readers_language(client, linked_section, language):
    section = GuideSectionPage.objects.get(pack_key=linked_section, locale__language_code=language)
    course = CoursePage.objects.get(pack_key="atlantis-course", locale__language_code=language)
    assert section.course_keys == ["atlantis-course", "cs-not-installed"]
    html = client.get(section.url).content.decode()
    assert f'<a href="{course.url}" lang="{language}">{course.title}</a>' in html
    assert html.count('class="linked-courses"') == 1  # the course the site lacks is left out, not linked


def test_a_section_without_courses_shows_no_course_list(client, course):
    section = GuideSectionPage.objects.get(pack_key="atlantis-at-a-glance", locale__language_code="en")
    assert section.course_keys == []
    assert 'class="linked-courses"' not in client.get(section.url).content.decode()


def test_a_course_missing_in_the_readers_language_is_linked_in_another(client, linked_section):
    CoursePage.objects.get(pack_key="atlantis-course", locale__language_code="en").unpublish()
    section = GuideSectionPage.objects.get(pack_key=linked_section, locale__language_code="en")
    urdu = CoursePage.objects.get(pack_key="atlantis-course", locale__language_code="ur")
    assert section.linked_courses() == [urdu]
    assert f'<a href="{urdu.url}" lang="ur">' in client.get(section.url).content.decode()


def test_an_unpublished_course_is_not_linked(client, linked_section):
    for course in CoursePage.objects.filter(pack_key="atlantis-course"):
        course.unpublish()
    section = GuideSectionPage.objects.get(pack_key=linked_section, locale__language_code="en")
    assert section.linked_courses() == []
    assert 'class="linked-courses"' not in client.get(section.url).content.decode()
