"""Read aloud (cms.readaloud): speech generated with the real espeak-ng and lame when a guide section is
published, made again only when what it says changes, recordings preferred, failures logged, and the
command that catches up. The synthesiser is replaced only where it must fail."""

import logging
import subprocess
from datetime import date
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.guides.models import CountryGuidePage, GuideSectionPage
from cms.packs.importer import install_pack
from cms.readaloud import synthesis
from cms.readaloud.generation import Outcome, generate_audio
from cms.readaloud.models import GeneratedAudio, Recording
from cms.readaloud.speech_text import MAX_SPOKEN_CHARACTERS, spoken_text
from cms.readaloud.voices import voice_for

pytestmark = pytest.mark.django_db

SECTION_BODY = "<h2>Your passport</h2><p>Keep your passport with you. Nobody may take it from you.</p>"


@pytest.fixture
def synthesis_on(settings):
    settings.READ_ALOUD_ON_PUBLISH = True


@pytest.fixture
def program_runs(monkeypatch):
    """The programs the synthesiser starts, in order: a spy that lets every one of them run for real."""
    started = []
    real_run = subprocess.run

    def run(command, *args, **kwargs):
        started.append(str(command[0]))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(synthesis.subprocess, "run", run)
    return started


def publish(page, django_capture_on_commit_callbacks):
    """Publish ``page`` the way the admin does, running what waits for the commit (the speech) too."""
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def new_section(course, django_capture_on_commit_callbacks, body=SECTION_BODY) -> GuideSectionPage:
    guide = CountryGuidePage.objects.get(locale__language_code="en")
    section = GuideSectionPage(
        title="Your documents",
        slug="your-documents",
        topic="legal-route",
        summary="What to keep and who may see it.",
        body=[("rich_text", RichText(body))],
        last_verified=date(2026, 11, 1),
        content_owner="Test editors",
        live=False,
    )
    guide.add_child(instance=section)
    publish(section, django_capture_on_commit_callbacks)
    return section


def stored_bytes(audio) -> bytes:
    with audio.storage.open(audio.name) as file:
        return file.read()


def assert_mpeg_audio(data: bytes):
    """An MP3 as synthesis.py makes it: frames of MPEG-2 Layer III, mono, 24 kbit/s at 16 kHz."""
    assert len(data) > 2000
    header = int.from_bytes(data[:4], "big")
    assert header >> 21 == 0x7FF, "no MPEG frame sync at the start"
    assert (header >> 19) & 0b11 == 0b10, "not MPEG-2"
    assert (header >> 17) & 0b11 == 0b01, "not Layer III"
    assert (header >> 6) & 0b11 == 0b11, "not mono"
    assert (header >> 12) & 0b1111 == 3, "not 24 kbit/s"  # MPEG-2 Layer III bitrate index 3
    assert (header >> 10) & 0b11 == 0b10, "not 16 kHz"  # MPEG-2 sample rate index 2


def test_a_new_section_gets_compressed_speech_once_published(course, synthesis_on, django_capture_on_commit_callbacks):
    section = new_section(course, django_capture_on_commit_callbacks)

    generated = GeneratedAudio.objects.get(page=section)
    assert generated.audio.name.startswith(f"read-aloud/generated/{section.pk}-")
    assert generated.audio.name.endswith(".mp3")
    assert_mpeg_audio(stored_bytes(generated.audio))
    assert f'src="/media/{generated.audio.name}"' in _render(section)


def test_speech_is_made_again_when_the_text_changes_and_not_when_it_does_not(
    course, synthesis_on, django_capture_on_commit_callbacks, program_runs
):
    section = new_section(course, django_capture_on_commit_callbacks)
    first = GeneratedAudio.objects.get(page=section)
    first_name, first_bytes = first.audio.name, stored_bytes(first.audio)
    assert program_runs == ["espeak-ng", "lame"]

    # Published again with only what is not read aloud changed: the same file, and no program started.
    section.content_owner = "Other editors"
    publish(section, django_capture_on_commit_callbacks)
    assert GeneratedAudio.objects.get(page=section).audio.name == first_name
    assert program_runs == ["espeak-ng", "lame"]

    section.body = [("rich_text", RichText(SECTION_BODY + "<p>Make two copies of it and keep one at home.</p>"))]
    publish(section, django_capture_on_commit_callbacks)
    second = GeneratedAudio.objects.get(page=section)
    assert program_runs == ["espeak-ng", "lame"] * 2
    assert second.speech_hash != first.speech_hash and second.audio.name != first_name
    assert len(stored_bytes(second.audio)) > len(first_bytes)  # more text, more speech
    assert not second.audio.storage.exists(first_name)  # the old file is gone


def test_installing_a_pack_gives_each_language_its_voice(
    three_language_pack, site, synthesis_on, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        install_pack(three_language_pack, site)
    # One guide section and one lesson, in English, Urdu and Punjabi.
    audio = GeneratedAudio.objects.select_related("page__locale")
    assert sorted(generated.page.locale.language_code for generated in audio) == ["en", "en", "pnb", "pnb", "ur", "ur"]
    for generated in audio:
        assert_mpeg_audio(stored_bytes(generated.audio))


def test_a_bulk_install_leaves_its_speech_to_the_command(
    three_language_pack, site, synthesis_on, settings, django_capture_on_commit_callbacks, caplog
):
    settings.READ_ALOUD_PUBLISH_LIMIT = 5  # the install publishes 6 pages in one transaction
    with caplog.at_level(logging.WARNING, logger="cms.readaloud"), django_capture_on_commit_callbacks(execute=True):
        install_pack(three_language_pack, site)
    assert not GeneratedAudio.objects.exists()
    assert "6 pages published together: their read-aloud audio waits for `manage.py read_aloud`" in caplog.text
    call_command("read_aloud", stdout=StringIO())
    assert GeneratedAudio.objects.count() == 6


def test_a_recording_wins_over_generated_speech(course, synthesis_on, django_capture_on_commit_callbacks, program_runs):
    section = new_section(course, django_capture_on_commit_callbacks)
    generated_name = GeneratedAudio.objects.get(page=section).audio.name
    recorded_bytes = stored_bytes(GeneratedAudio.objects.get(page=section).audio)  # any real MP3 will do
    recording = Recording(page=section)
    recording.audio.save("reading.mp3", ContentFile(recorded_bytes))

    html = _render(section)
    assert f'src="/media/{recording.audio.name}"' in html
    assert generated_name not in html
    # A changed text makes no speech while a person's recording is played.
    section.summary = "A different summary."
    publish(section, django_capture_on_commit_callbacks)
    assert generate_audio(Page.objects.get(pk=section.pk)) == Outcome.RECORDED
    assert program_runs == ["espeak-ng", "lame"]

    # Removing the recording brings generated speech back, for the current text.
    with django_capture_on_commit_callbacks(execute=True):
        recording.delete()
    assert program_runs == ["espeak-ng", "lame"] * 2
    assert f'src="/media/{GeneratedAudio.objects.get(page=section).audio.name}"' in _render(section)


def test_a_replaced_recording_leaves_no_old_file(course, synthesis_on, django_capture_on_commit_callbacks):
    section = new_section(course, django_capture_on_commit_callbacks)
    mp3 = stored_bytes(GeneratedAudio.objects.get(page=section).audio)
    recording = Recording(page=section)
    recording.audio.save("first-reading.mp3", ContentFile(mp3))
    storage, first_name = recording.audio.storage, recording.audio.name

    with django_capture_on_commit_callbacks(execute=True):
        recording.audio.save("second-reading.mp3", ContentFile(mp3))
    assert storage.exists(recording.audio.name)
    assert not storage.exists(first_name)

    # Saving the row again without a new upload keeps its file.
    with django_capture_on_commit_callbacks(execute=True):
        Recording.objects.get(pk=recording.pk).save()
    assert storage.exists(recording.audio.name)


def test_a_failing_synthesiser_is_logged_and_the_page_still_publishes(
    course, synthesis_on, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    monkeypatch.setattr(synthesis, "ESPEAK", "/nonexistent/espeak-ng")
    with caplog.at_level(logging.WARNING, logger="cms.readaloud"):
        section = new_section(course, django_capture_on_commit_callbacks)

    assert Page.objects.get(pk=section.pk).live
    assert not GeneratedAudio.objects.filter(page=section).exists()
    assert f"No read-aloud audio for page {section.pk}" in caplog.text
    assert "/nonexistent/espeak-ng is not installed" in caplog.text
    assert "<audio" not in _render(section)


def test_a_synthesiser_that_takes_too_long_is_stopped(course, monkeypatch, caplog):
    monkeypatch.setattr(synthesis, "TIMEOUT_SECONDS", 0.001)
    section = GuideSectionPage.objects.get(locale__language_code="en")
    with caplog.at_level(logging.WARNING, logger="cms.readaloud"):
        assert generate_audio(section) == Outcome.FAILED
    assert "took longer than 0.001 s" in caplog.text


def test_the_command_makes_missing_speech_and_then_nothing(course, program_runs):
    # The test settings make no speech on publishing: the example pack's pages have none.
    assert not GeneratedAudio.objects.exists()
    output = StringIO()
    call_command("read_aloud", stdout=output)
    assert output.getvalue().strip() == "generated: 4, unchanged: 0, recorded: 0, skipped: 0, failed: 0"
    assert GeneratedAudio.objects.count() == 4  # a section and a lesson, in English and Urdu

    output = StringIO()
    call_command("read_aloud", stdout=output)
    assert output.getvalue().strip() == "generated: 0, unchanged: 4, recorded: 0, skipped: 0, failed: 0"
    assert program_runs.count("espeak-ng") == 4


def test_spoken_text_reads_headings_as_sentences_and_skips_the_quiz(course):
    section = GuideSectionPage.objects.get(locale__language_code="en")
    text = spoken_text(section)
    assert text.startswith("Atlantis at a glance. The basic facts in one page.")
    assert "Capital: Example City." in text and "Before you go. Check your contract." in text
    assert "<" not in text

    lesson = Page.objects.get(url_path__endswith="/atlantis-contract/", locale__language_code="en").specific
    quiz = next(block for block in lesson.body if block.block_type == "quiz")
    first_prompt = quiz.value["questions"][0]["prompt"]
    assert first_prompt and first_prompt not in spoken_text(lesson)


def test_spoken_text_is_bounded_at_a_sentence(course):
    section = GuideSectionPage.objects.get(locale__language_code="en")
    section.body = [("rich_text", RichText("<p>" + "Keep your passport safe. " * 2000 + "</p>"))]
    text = spoken_text(section)
    assert len(text) <= MAX_SPOKEN_CHARACTERS
    assert text.endswith("Keep your passport safe.")


def test_punjabi_is_read_by_the_urdu_voice_because_the_punjabi_voice_spells_shahmukhi_out():
    shahmukhi = "تسیں اپنا پاسپورٹ کسے نوں نہ دیو۔ کم تے جاݨ توں پہلاں معاہدہ پڑھو۔"

    def phonemes(voice_name, text):
        return subprocess.run(
            ["espeak-ng", "-q", "-x", "-v", voice_name, text], check=True, capture_output=True, text=True
        ).stdout

    # espeak-ng's Punjabi voice knows Gurmukhi only: it names each Shahmukhi letter ("arabic ...").
    assert "ar@bIk" in phonemes("pa", shahmukhi)
    punjabi = voice_for("pnb")
    assert punjabi.espeak_name == "ur"
    read = phonemes(punjabi.espeak_name, punjabi.prepare(shahmukhi))
    assert "ar@bIk" not in read and "l'et@" not in read  # no letter spelt out, the retroflex noon included
    assert "p,a:sp'o:Rt" in read  # "passport", read as a word


def _render(page) -> str:
    response = Client().get(page.url, {"fresh": page.pk})  # a query string: never the page cache's copy
    assert response.status_code == 200
    return response.content.decode()
