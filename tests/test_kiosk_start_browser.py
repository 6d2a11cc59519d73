"""The kiosk theme on a touch screen: Debian's Chromium with touch events (Playwright's ``tap``) against the live
server reached as the kiosk host. A learner chooses Urdu and a country without typing, and ends on a lesson in
Urdu; every page asks only the live server for anything, and every control is big enough for a finger. The Urdu
screens are written to test-artefacts/kiosk-*-ur.png, to look at.
"""

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from cms.core.site_structure import set_up_site
from cms.packs.importer import install_pack
from tests.browser import browser_page_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
KIOSK_HOST = "kiosk.localhost"
MIN_TARGET_PX = 48
ARTEFACTS = Path(__file__).resolve().parents[1] / "test-artefacts"


@pytest.fixture
def kiosk_url(live_server, pack_copy):
    from themes.models import ThemeSettings

    port = int(live_server.url.rsplit(":", 1)[1])
    site = set_up_site(KIOSK_HOST, port, default=True)
    install_pack(pack_copy, site)
    ThemeSettings.objects.create(site=site, theme="kiosk")
    return f"http://{KIOSK_HOST}:{port}"


@pytest.fixture
def touch_screen(chromium, kiosk_url):
    """A touch-screen page that records the origin of every request it makes."""
    with browser_page_at(chromium, kiosk_url, has_touch=True, viewport={"width": 1080, "height": 1280}) as page:
        page.requested_origins = set()
        page.on("request", lambda request: page.requested_origins.add(_origin(request.url)))
        yield page


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in {"http", "https"} else parts.scheme


def assert_finger_sized(page):
    """Every visible control of the screen (links, buttons, fields) is at least 48 px high and wide."""
    small = page.evaluate(
        """(minimum) => Array.from(document.querySelectorAll("a[href], button, input, select, summary"))
            .filter((element) => element.getClientRects().length && getComputedStyle(element).visibility !== "hidden")
            .map((element) => [element, element.getBoundingClientRect()])
            .filter(([element, box]) => box.width < minimum || box.height < minimum)
            .filter(([element]) => !element.closest(".skip-link"))
            .map(([element, box]) => `${element.outerHTML.slice(0, 80)} ${box.width}x${box.height}`)""",
        MIN_TARGET_PX,
    )
    assert small == [], f"controls smaller than {MIN_TARGET_PX} px on {page.url}"


def assert_kiosk_controls(page):
    from playwright.sync_api import expect

    expect(page.locator(".kiosk-home")).to_be_visible()
    expect(page.locator("#finish-form button")).to_be_visible()
    assert_finger_sized(page)


def test_a_learner_chooses_urdu_and_a_country_by_touch_and_reads_a_lesson_in_urdu(touch_screen, kiosk_url):
    from playwright.sync_api import expect

    page = touch_screen
    page.goto("/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your language")
    assert_kiosk_controls(page)

    page.locator('.kiosk-languages a[lang="ur"]').tap()
    expect(page).to_have_url(f"{kiosk_url}/ur/kiosk/destination/")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_kiosk_controls(page)
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / "kiosk-destination-ur.png")

    page.locator(".kiosk-countries a").filter(has_text="اٹلانٹس میں کام").tap()
    expect(page).to_have_url(f"{kiosk_url}/ur/kiosk/countries/AT/")
    assert_kiosk_controls(page)
    page.screenshot(path=ARTEFACTS / "kiosk-country-ur.png")

    page.locator(".kiosk-menu a[href^='/ur/courses/']").tap()
    page.locator(".card a").filter(has_text="اٹلانٹس جانے کی تیاری").tap()
    page.locator("a").filter(has_text="آپ کا معاہدہ").first.tap()
    expect(page).to_have_url(f"{kiosk_url}/ur/courses/atlantis-course/atlantis-contract/")
    expect(page.get_by_role("heading", level=1)).to_have_text("آپ کا معاہدہ")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("#finish-form button")).to_be_visible()

    assert page.requested_origins == {kiosk_url}, "a page asked another origin for something"


def test_search_needs_no_typing(touch_screen, kiosk_url):
    from playwright.sync_api import expect

    page = touch_screen
    page.goto("/ur/kiosk/search/")
    assert_kiosk_controls(page)
    keyboard = page.locator("[data-keyboard]")
    for letter in "ویزا":
        keyboard.locator(f'button[data-key="{letter}"]').tap()
    keyboard.locator("[data-backspace]").tap()
    keyboard.locator('button[data-key="ا"]').tap()
    expect(page.locator("#kiosk-q")).to_have_value("ویزا")
    keyboard.locator('[data-layout="latin"]').tap()
    expect(keyboard.locator('[data-keys="urdu"]')).to_be_hidden()
    keyboard.locator('button[data-key="a"]').tap()
    expect(page.locator("#kiosk-q")).to_have_value("ویزاa")

    topic = page.locator(".kiosk-topics a").first
    word = topic.inner_text()
    topic.tap()
    expect(page.locator(".search-results li").first).to_be_visible()
    assert page.url.startswith(f"{kiosk_url}/ur/search/?q=") and parse_qs(urlsplit(page.url).query)["q"] == [word]
    assert page.requested_origins == {kiosk_url}


def test_the_take_home_screen_gives_a_code_and_a_qr_code_and_the_handout_prints(touch_screen, kiosk_url):
    from playwright.sync_api import expect

    page = touch_screen
    page.goto("/en/courses/atlantis-course/atlantis-contract/")
    page.get_by_role("button", name="I have finished this lesson").tap()
    expect(page.get_by_text("You have finished this lesson.")).to_be_visible()
    page.goto("/en/kiosk/countries/AT/")
    page.locator(".kiosk-menu a[href='/en/kiosk/take-home/']").tap()
    assert_kiosk_controls(page)
    page.get_by_role("button", name="Get a code").tap()
    expect(page.locator(".resume-code")).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    expect(page.locator(".resume-qr svg")).to_be_visible()

    page.goto("/en/kiosk/take-home/")
    page.get_by_role("link", name="Print the help contacts").tap()
    expect(page).to_have_url(f"{kiosk_url}/en/kiosk/countries/AT/handout/")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    pdf_pages = _printed_pages(page)
    assert pdf_pages == 1
    assert page.requested_origins == {kiosk_url}


def _printed_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
