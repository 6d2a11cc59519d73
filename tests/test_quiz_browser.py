"""The quiz in a real browser (Chromium, see tests/browser.py): with JavaScript, answers are sent
without a page load (themes/web/static/web/js/quiz.js), the review replaces the form, "Try again"
brings the form back, and a double tap records one attempt."""

import pytest

from cms.core.site_structure import set_up_site
from cms.learning.models import QuizAttempt
from cms.packs.importer import install_pack
from tests.browser import browser_page_at
from tests.learning_helpers import CONTRACT_URL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser_page(chromium, live_server, pack_copy, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test still reads the database
    # synchronously between browser steps, which Django would otherwise refuse.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    port = int(live_server.url.rsplit(":", 1)[1])
    install_pack(pack_copy, set_up_site("localhost", port, default=True))
    with browser_page_at(chromium, f"http://localhost:{port}") as page:
        yield page


def choose(page, prompt_part, choice_text):
    page.locator("fieldset", has_text=prompt_part).get_by_label(choice_text).check()


def test_answers_are_reviewed_in_place_and_try_again_sends_a_new_attempt(browser_page):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(CONTRACT_URL.format(language="en"))
    loads = []
    page.on("load", lambda _: loads.append(page.url))
    choose(page, "When should you read your contract?", "Before you sign it.")
    choose(page, "What do you do?", "Hand it over.")
    page.get_by_role("button", name="Check my answers").dblclick()  # a double tap

    review = page.locator("#quiz-result")
    expect(review).to_contain_text("You scored 50%.")
    expect(review).to_be_focused()
    expect(page.get_by_role("button", name="Check my answers")).to_be_hidden()
    assert loads == []  # no page load: the review came by fetch
    assert QuizAttempt.objects.count() == 1

    review.get_by_role("link", name="Try again").click()
    expect(review).to_have_count(0)
    choose(page, "When should you read your contract?", "Before you sign it.")
    choose(page, "What do you do?", "Keep your passport yourself.")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator("#quiz-result")).to_contain_text("You scored 100%. You passed.")
    assert loads == []
    assert QuizAttempt.objects.count() == 2
