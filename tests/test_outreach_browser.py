"""The field kit offline, in a real browser (Debian's Chromium driven by Playwright; tests/browser.py).

A changemaker with no signal saves a session: field-kit.js keeps it on the phone. Back online, it
is sent by itself, and the server stores it exactly once, even though the script is made to send
it a second time.
"""

import os

import pytest
from django.contrib.auth.models import User

from cms.centres.models import CentreStaff, Role
from cms.core.site_structure import set_up_site
from cms.outreach.models import OutreachSession
from tests.browser import WAIT_MS, browser_page_at, wait_until_true

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the test reads the database while Playwright runs


@pytest.fixture
def field_kit_url(live_server):
    port = int(live_server.url.rsplit(":", 1)[1])
    site = set_up_site("localhost", port, default=True)
    user = User.objects.create_user("amna", password="a long field password")
    CentreStaff.objects.create(user=user, centre=site, role=Role.CHANGEMAKER)
    return f"http://localhost:{port}"


def log_in(page):
    page.goto("/en/learn/account/login/?next=/en/field/sessions/new/")
    page.get_by_label("Username").fill("amna")
    page.get_by_label("Password").fill("a long field password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/en/field/sessions/new/")


def fill_session(page, women, men):
    page.get_by_label("Date").fill("2026-11-20")
    page.get_by_label("District").select_option(label="Lahore")
    page.get_by_label("Tehsil").fill("Raiwind")
    page.get_by_label("Venue type").select_option(label="Village meeting")
    page.get_by_label("Female, 18–24", exact=True).fill(str(women))
    page.get_by_label("Male, 25–34", exact=True).fill(str(men))


QUEUED = "JSON.parse(localStorage.getItem('rahnuma-field-kit-queue') || '[]')"


def queued(page) -> list:
    return page.evaluate(QUEUED)


def test_a_session_saved_offline_is_sent_once_when_back_online(chromium, field_kit_url):
    from playwright.sync_api import expect

    with browser_page_at(chromium, field_kit_url) as page:
        log_in(page)
        fill_session(page, women=12, men=8)
        public_id = page.locator("input[name=public_id]").input_value()

        page.context.set_offline(True)
        page.get_by_role("button", name="Save session").click()
        expect(page.locator("#field-kit-status")).to_contain_text("saved on this phone")
        assert not OutreachSession.objects.exists()
        assert [item["id"] for item in queued(page)] == [public_id]
        # The form is ready for the next session, under a new id.
        assert page.locator("input[name=public_id]").input_value() != public_id

        # A second copy in the queue stands for a send whose answer was lost: the server must dedupe it.
        page.evaluate(
            "(() => { const key = 'rahnuma-field-kit-queue', queue = JSON.parse(localStorage.getItem(key));"
            " queue.push({...queue[0], id: queue[0].id + '-again'});"
            " localStorage.setItem(key, JSON.stringify(queue)); })()"
        )
        page.context.set_offline(False)
        expect(page.locator("#field-kit-status")).to_contain_text("have been sent", timeout=WAIT_MS)
        wait_until_true(page, f"{QUEUED}.length === 0")

        page.goto("/en/field/")
        expect(page.locator("#session-list .session-row")).to_have_count(1)
        expect(page.locator("#session-list .session-row")).to_contain_text("Raiwind")

    session = OutreachSession.objects.get()
    assert str(session.public_id) == public_id
    assert session.participants == 20


def test_a_session_refused_after_going_online_comes_back_into_the_form(chromium, field_kit_url):
    from playwright.sync_api import expect

    with browser_page_at(chromium, field_kit_url) as page:
        log_in(page)
        fill_session(page, women=0, men=0)  # the browser lets it through; the server wants at least one person
        public_id = page.locator("input[name=public_id]").input_value()
        page.context.set_offline(True)
        page.get_by_role("button", name="Save session").click()
        expect(page.locator("#field-kit-status")).to_contain_text("saved on this phone")
        expect(page.get_by_label("Tehsil")).to_have_value("")

        page.context.set_offline(False)
        expect(page.locator("#field-kit-status")).to_contain_text("was not accepted")
        expect(page.get_by_label("Tehsil")).to_have_value("Raiwind")
        assert page.locator("input[name=public_id]").input_value() == public_id
        assert queued(page) == []

        page.get_by_label("Female, 18–24", exact=True).fill("3")
        page.get_by_role("button", name="Save session").click()
        page.wait_for_url(f"**/en/field/sessions/{public_id}/")

    assert OutreachSession.objects.get().participants == 3
