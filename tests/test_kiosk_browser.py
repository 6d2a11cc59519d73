"""Shared screens in a real browser: Debian's Chromium, driven by Playwright, against pytest-django's live server
reached as the kiosk host ``kiosk.localhost`` (Chromium resolves any *.localhost to the loopback address).

"Finish and clear" and the kiosk's idle countdown (themes/web/static/web/js/kiosk.js) must leave the next person
with no progress. Browser set-up: tests/browser.py.
"""

import pytest

from cms.core.site_structure import set_up_site
from cms.packs.importer import install_pack
from tests.browser import browser_page_at
from tests.learning_helpers import CONTRACT_URL, COURSE_URL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KIOSK_HOST = "kiosk.localhost"


@pytest.fixture
def kiosk_url(live_server, pack_copy):
    """The example pack installed in a site answering at the live server's port as the kiosk host."""
    port = int(live_server.url.rsplit(":", 1)[1])
    install_pack(pack_copy, set_up_site(KIOSK_HOST, port, default=True))
    return f"http://{KIOSK_HOST}:{port}"


@pytest.fixture
def browser_page(chromium, kiosk_url):
    with browser_page_at(chromium, kiosk_url) as page:
        yield page


def finish_a_lesson(page):
    """Mark the example pack's lesson done and check that the course page shows it."""
    from playwright.sync_api import expect

    page.goto(CONTRACT_URL.format(language="en"))
    page.get_by_role("button", name="I have finished this lesson").click()
    expect(page.get_by_text("You have finished this lesson.")).to_be_visible()
    page.goto(COURSE_URL.format(language="en"))
    expect(page.get_by_text("1 of 1 lesson done")).to_be_visible()
    expect(page.locator("#course-progress-bar")).to_have_attribute("value", "1")


def expect_session_ended(page):
    """The home page with its notice, and the course page with no progress and no "Finish and clear"."""
    from playwright.sync_api import expect

    expect(page.get_by_role("status")).to_have_text("Your session has ended. The next person starts afresh.")
    assert page.url.endswith("/en/")
    page.goto(COURSE_URL.format(language="en"))
    expect(page.locator("#course-progress-bar")).to_have_attribute("value", "0")
    expect(page.get_by_text("0 of 1 lesson done")).to_be_visible()
    expect(page.get_by_role("button", name="Finish and clear")).to_have_count(0)


def test_finish_and_clear_leaves_no_progress(browser_page):
    finish_a_lesson(browser_page)
    browser_page.get_by_role("button", name="Finish and clear").click()
    expect_session_ended(browser_page)


def test_an_unanswered_prompt_clears_the_session(browser_page, settings):
    from playwright.sync_api import expect

    settings.RAHNUMA_KIOSK_IDLE_SECONDS = 2
    settings.RAHNUMA_KIOSK_PROMPT_SECONDS = 2
    finish_a_lesson(browser_page)

    prompt = browser_page.get_by_role("dialog", name="Still there?")
    expect(prompt).to_be_visible()
    expect(prompt.get_by_role("button", name="I am still here")).to_be_focused()
    expect_session_ended(browser_page)  # nobody touched the screen: the countdown submitted "Finish and clear"


def test_a_key_press_dismisses_the_prompt_and_keeps_the_session(browser_page, settings):
    from playwright.sync_api import expect

    settings.RAHNUMA_KIOSK_IDLE_SECONDS = 2
    settings.RAHNUMA_KIOSK_PROMPT_SECONDS = 600  # far longer than the test: only the key press may close it
    finish_a_lesson(browser_page)

    prompt = browser_page.get_by_role("dialog", name="Still there?")
    expect(prompt).to_be_visible()
    browser_page.keyboard.press("Shift")
    expect(prompt).to_be_hidden()
    browser_page.reload()
    expect(browser_page.locator("#course-progress-bar")).to_have_attribute("value", "1")
    expect(browser_page.get_by_role("button", name="Finish and clear")).to_be_visible()
