"""Printing a certificate page in a real browser (Debian's Chromium through Playwright, tests/browser.py):
the print stylesheet puts the certificate alone, without the site's header, buttons or forms, on one A4 page
across, in English and in Urdu (whose Nastaliq lines are much taller)."""

import pypdfium2 as pdfium
import pytest

from cms.core.site_structure import set_up_site
from cms.packs.importer import install_pack
from tests.browser import browser_page_at
from tests.learning_helpers import CONTRACT_URL, COURSE_URL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

A4_LANDSCAPE_POINTS = (842, 595)
NOT_PRINTED = (".site-header", ".site-footer", ".certificate-actions", ".certificate-name-form")


@pytest.fixture
def browser_page(chromium, live_server, pack_copy):
    port = int(live_server.url.rsplit(":", 1)[1])
    install_pack(pack_copy, set_up_site("localhost", port, default=True))
    with browser_page_at(chromium, f"http://localhost:{port}") as page:
        yield page


def open_certificate(page, language):
    """Pass the example course's one quiz, which completes the course, and follow "Your certificate"."""
    page.goto(CONTRACT_URL.format(language=language))
    page.locator('input[name="answer-q1"][value="a"]').check()
    page.locator('input[name="answer-q2"][value="a"]').check()
    page.locator(".quiz-form button[type=submit]").click()
    page.locator(".quiz-passed").wait_for()  # the review, after a page load or in place (web/js/quiz.js)
    page.goto(COURSE_URL.format(language=language))
    page.locator("a.button[href*='/learn/certificates/']").click()
    page.locator(".certificate").wait_for()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_certificate_prints_alone_on_one_a4_page(browser_page, language):
    open_certificate(browser_page, language)
    # With scripts, "Print" is a button; the hint for browsers without scripts is gone. The script is
    # deferred, so it may run after the certificate is in the page: its button is waited for.
    browser_page.locator("[data-print]").wait_for(state="visible")
    assert not browser_page.locator(".print-hint").is_visible()

    browser_page.emulate_media(media="print")
    assert browser_page.locator(".certificate").is_visible()
    for hidden in NOT_PRINTED:
        assert not browser_page.locator(hidden).is_visible(), hidden

    code = browser_page.locator(".certificate-code").inner_text()
    document = pdfium.PdfDocument(browser_page.pdf(prefer_css_page_size=True, print_background=True))
    try:
        assert len(document) == 1
        width, height = document[0].get_size()
        assert (round(width), round(height)) == A4_LANDSCAPE_POINTS
        text = document[0].get_textpage().get_text_bounded()
    finally:
        document.close()
    assert f"/{language}/learn/verify/{code}/" in text  # the verification address, under the QR code
