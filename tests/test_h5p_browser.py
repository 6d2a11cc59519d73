"""An H5P activity played for real: Chromium opens a lesson, the player runs in its sandboxed iframe on
the H5P origin (h5p.localhost), the learner answers, and the site stores the attempt with its score.
No Content-Security-Policy violation may appear, script in the player cannot read the lesson page, and
the learner resumes inside the activity when they come back."""

import re

import pytest

from cms.core.site_structure import set_up_site
from cms.h5p.models import Attempt
from cms.packs.importer import install_pack
from tests.browser import browser_page_at
from tests.h5p_helpers import h5p_root as h5p_root
from tests.learning_helpers import CONTRACT_URL
from tests.test_h5p_player import add_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def lesson_in_browser(chromium, live_server, pack_copy, h5p_root, settings, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    port = int(live_server.url.rsplit(":", 1)[1])
    settings.H5P_ORIGIN = f"http://h5p.localhost:{port}"
    settings.RAHNUMA_CSP = {**settings.RAHNUMA_CSP, "frame-src": ["'self'", settings.H5P_ORIGIN]}
    install_pack(add_activity(pack_copy), set_up_site("localhost", port, default=True))
    with browser_page_at(chromium, f"http://localhost:{port}") as page:
        messages = []
        page.on("console", lambda message: messages.append(message.text))
        page.on("pageerror", lambda error: messages.append(f"page error: {error}"))
        failures = []
        page.on("response", lambda response: response.status >= 400 and failures.append(response.url))
        yield page, messages, failures


def test_a_learner_plays_the_activity_in_the_sandboxed_player(lesson_in_browser):
    from playwright.sync_api import expect

    page, messages, failures = lesson_in_browser
    page.goto(CONTRACT_URL.format(language="en"))
    frame_element = page.locator("iframe.h5p-frame")
    expect(frame_element).to_have_attribute("sandbox", "allow-scripts allow-same-origin")
    player = page.frame_locator("iframe.h5p-frame")
    player.get_by_role("button", name="False").click()
    expect(player.locator(".rahnuma-feedback")).to_contain_text("Right: your passport is yours.")
    expect(page.locator(".h5p-activity .h5p-status")).to_have_text("You passed this activity.")

    attempt = Attempt.objects.get()
    assert (attempt.score_raw, attempt.score_max, attempt.success) == (1, 1, True)
    # The iframe grew to its content.
    assert frame_element.bounding_box()["height"] > 100

    frame = next(frame for frame in page.frames if re.match(r"http://h5p\.localhost:\d+/h5p/embed/", frame.url))
    reach = frame.evaluate(
        "() => { try { return window.parent.document.title; } catch (error) { return 'blocked: ' + error.name; } }"
    )
    assert reach == "blocked: SecurityError"
    assert frame.evaluate("() => document.cookie") == ""
    violations = [text for text in messages if "Content Security Policy" in text or "Refused to" in text]
    assert violations == []
    assert not [text for text in messages if text.startswith("page error")], messages
    assert not [url for url in failures if "h5p" in url], failures

    # Opening the lesson again resumes inside the activity: the answer given is shown, not asked again.
    page.reload()
    expect(page.frame_locator("iframe.h5p-frame").locator(".rahnuma-feedback")).to_contain_text("Right")
    expect(page.frame_locator("iframe.h5p-frame").get_by_role("button", name="False")).to_be_disabled()
    assert Attempt.objects.count() == 1  # resuming sends nothing
