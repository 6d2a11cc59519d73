"""The listen button on guide sections and lessons, in English, Urdu and Punjabi and in the kiosk theme, and
editors' recordings uploaded in the admin (Snippets > Read-aloud recordings), checked before they are kept."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Site

from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.packs.importer import install_pack
from cms.readaloud.models import GeneratedAudio, Recording
from tests.learning_helpers import CONTRACT_URL
from themes.models import ThemeSettings

pytestmark = pytest.mark.django_db

SECTION_URL = "/{language}/countries/atlantis-guide/atlantis-at-a-glance/"
LABELS = {"en": "Listen to this page", "ur": "یہ صفحہ سنیں", "pnb": "ایہہ صفحہ سنو"}
ADD_RECORDING = "wagtailsnippets_rahnuma_readaloud_recording:add"
PLAYER = re.compile(
    r'<audio class="read-aloud-player" controls preload="none" src="(/media/read-aloud/[^"]+\.mp3)" '
    r'aria-labelledby="read-aloud-label">'
)


@pytest.fixture
def spoken_site(three_language_pack, site):
    """The example pack in English, Urdu and Punjabi, its speech made by the command (as cron would)."""
    install_pack(three_language_pack, site)
    call_command("read_aloud", stdout=None)
    return site


def html_of(url, host="localhost") -> str:
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def page_at(url: str, language: str) -> Page:
    return Page.objects.get(url_path__endswith=url.split("/", 2)[2], locale__language_code=language)


@pytest.mark.parametrize("language", ["en", "ur", "pnb"])
@pytest.mark.parametrize("url", [SECTION_URL, CONTRACT_URL])
def test_guide_sections_and_lessons_have_a_listen_button_in_the_page_language(spoken_site, url, language):
    html = html_of(url.format(language=language))
    assert f'<html lang="{language}"' in html
    player = PLAYER.search(html)
    assert player, "no audio player"
    generated = GeneratedAudio.objects.get(page=page_at(url.format(language=language), language))
    assert player.group(1) == f"/media/{generated.audio.name}"
    label = re.search(r'<p class="read-aloud-label" id="read-aloud-label">.*?</svg>(.*?)</p>', html).group(1)
    assert label == LABELS[language]
    # Browsers without an audio player offer the file itself.
    assert f'<a href="{player.group(1)}">' in html


def test_the_kiosk_shows_the_listen_button_in_its_theme(spoken_site):
    web = Site.objects.get(hostname="localhost")
    kiosk = Site.objects.create(hostname="kiosk.localhost", port=80, root_page=web.root_page, site_name="Kiosk")
    ThemeSettings.objects.create(site=kiosk, theme="kiosk")
    html = html_of(SECTION_URL.format(language="ur"), host="kiosk.localhost")
    assert "kiosk/css/kiosk.css" in html and PLAYER.search(html)
    assert LABELS["ur"] in html


def test_a_page_without_audio_has_no_listen_button(three_language_pack, site):
    install_pack(three_language_pack, site)  # the test settings make no speech on publishing
    assert "<audio" not in html_of(SECTION_URL.format(language="en"))


def test_the_player_is_sized_for_a_thumb_in_both_themes():
    web_css = Path(finders.find("web/css/site.css")).read_text(encoding="utf-8")
    kiosk_css = Path(finders.find("kiosk/css/kiosk.css")).read_text(encoding="utf-8")
    assert re.search(r"\.read-aloud-player \{[^}]*min-block-size: 48px", web_css)
    assert re.search(r"\.read-aloud-player \{[^}]*min-block-size: 64px", kiosk_css)


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def mp3_bytes() -> bytes:
    from cms.readaloud.synthesis import synthesise_mp3

    return synthesise_mp3("Your passport is yours.", "en")


def test_an_editor_uploads_a_recording_and_the_page_plays_it(spoken_site, client, editor):
    section = page_at(SECTION_URL.format(language="ur"), "ur")
    response = client.post(
        reverse(ADD_RECORDING),
        {"page": section.pk, "audio": SimpleUploadedFile("reading-ur.mp3", mp3_bytes(), "audio/mpeg")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    recording = Recording.objects.get(page=section)
    assert recording.audio.name.startswith("read-aloud/recorded/reading-ur")
    player = PLAYER.search(html_of(SECTION_URL.format(language="ur")))
    assert player.group(1) == f"/media/{recording.audio.name}"
    # The other languages keep their generated speech.
    assert "read-aloud/generated/" in PLAYER.search(html_of(SECTION_URL.format(language="en"))).group(1)


@pytest.mark.parametrize(
    "name, content, error",
    [
        ("notes.mp3", b"These are not sounds at all.", "notes.mp3: its content is not MP3 audio."),
        ("reading.wav", b"RIFF\x00\x00\x00\x00WAVE", "reading.wav: a recording must be an MP3, M4A, OGG or OPUS file."),
        ("reading.ogg", b"ID3\x04", "reading.ogg: its content is not OGG audio."),
    ],
)
def test_a_file_that_is_not_a_recording_is_refused_by_name(spoken_site, client, editor, name, content, error):
    section = page_at(SECTION_URL.format(language="en"), "en")
    response = client.post(reverse(ADD_RECORDING), {"page": section.pk, "audio": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Recording.objects.exists()


def test_only_guide_sections_and_lessons_take_a_recording(spoken_site, client, editor):
    guide = CountryGuidePage.objects.get(locale__language_code="en")
    response = client.post(
        reverse(ADD_RECORDING), {"page": guide.pk, "audio": SimpleUploadedFile("guide.mp3", mp3_bytes())}
    )
    assert response.status_code == 200
    assert "Only guide sections and lessons are read aloud." in response.content.decode()
    assert not Recording.objects.exists()
    assert GuideSectionPage.objects.exists()
