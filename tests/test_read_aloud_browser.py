"""The listen button in a real browser (Debian's Chromium through Playwright): a player a thumb can hit
(48 px on phones, 64 px on the kiosk) that plays the generated MP3, with no script of the site's.

The test storage keeps files in memory, which no server serves, so the browser gets the stored bytes
through Playwright's routing: what it decodes is exactly the file espeak-ng and lame made."""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Site

from cms.core.site_structure import set_up_site
from cms.packs.importer import install_pack
from cms.readaloud.models import GeneratedAudio
from tests.browser import browser_page_at, wait_until_true
from themes.models import ThemeSettings

# Playwright's sync API runs an event loop in this thread; the test reads the database around it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECTION_PATH = "/ur/countries/atlantis-guide/atlantis-at-a-glance/"


@pytest.fixture
def port(live_server, pack_copy):
    """The example pack with its speech, on localhost (web theme) and kiosk.localhost (kiosk theme)."""
    port = int(live_server.url.rsplit(":", 1)[1])
    web = set_up_site("localhost", port, default=True)
    install_pack(pack_copy, web)
    call_command("read_aloud", stdout=None)
    kiosk = Site.objects.create(hostname="kiosk.localhost", port=port, root_page=web.root_page, site_name="Kiosk")
    ThemeSettings.objects.create(site=kiosk, theme="kiosk")
    return port


def serve_stored_media(context):
    """On the browser context, not the page: its routes also reach the service worker's requests."""
    stored = {}
    for generated in GeneratedAudio.objects.all():
        with generated.audio.storage.open(generated.audio.name) as file:
            stored[generated.audio.name] = file.read()

    def fulfil(route):
        name = route.request.url.split("/media/", 1)[1]
        route.fulfill(status=200, body=stored[name], content_type="audio/mpeg")

    context.route("**/media/**", fulfil)
    # The player's size does not depend on the web font, which the live server is slow to send.
    context.route("**/*.woff2", lambda route: route.abort())


def decoded_duration(page) -> float:
    """Seconds of audio the browser's own player decoded from the listen button's file."""
    return page.eval_on_selector(
        "audio.read-aloud-player",
        """audio => new Promise((resolve, reject) => {
            audio.addEventListener("loadedmetadata", () => resolve(audio.duration));
            audio.addEventListener("error", () => reject(new Error("cannot decode: " + audio.error.code)));
            audio.load();
        })""",
    )


@pytest.mark.parametrize("host, least_height", [("localhost", 48), ("kiosk.localhost", 64)])
def test_the_player_is_large_enough_and_plays_the_mp3(chromium, port, host, least_height):
    with browser_page_at(chromium, f"http://{host}:{port}", java_script_enabled=False) as page:
        serve_stored_media(page.context)
        page.goto(SECTION_PATH)
        player = page.get_by_label("یہ صفحہ سنیں")
        box = player.bounding_box()
        assert box["height"] >= least_height and box["width"] >= 200

    # With scripts on only to ask the browser's own player what it decoded: the site's pages need none for it.
    with browser_page_at(chromium, f"http://{host}:{port}") as page:
        serve_stored_media(page.context)
        page.goto(SECTION_PATH)
        assert decoded_duration(page) > 1  # seconds of speech


def test_audio_played_on_a_phone_is_kept_to_listen_to_offline(chromium, port):
    with browser_page_at(chromium, f"http://localhost:{port}") as page:
        serve_stored_media(page.context)
        page.goto(SECTION_PATH)  # registers the service worker
        wait_until_true(page, "navigator.serviceWorker.controller !== null")
        page.goto(SECTION_PATH)  # the worker keeps the page
        online = decoded_duration(page)  # played: the worker keeps the audio

        page.context.unroute("**/media/**")  # nothing serves the audio any more but the worker's cache
        page.context.set_offline(True)
        page.goto(SECTION_PATH)
        assert decoded_duration(page) == online > 1
