"""The Content-Security-Policy in a real browser: nothing on the public pages or in the Wagtail admin is blocked.

Chromium reports each blocked script, style or frame on the console ("Refused to ... because it violates
the following Content Security Policy directive"); these tests collect those messages. Set-up: tests/browser.py.
"""

import pytest
from django.contrib.auth import get_user_model

from cms.core.site_structure import set_up_site
from cms.learning.models import LessonPage
from cms.packs.importer import install_pack
from tests.browser import browser_page_at
from tests.learning_helpers import CONTRACT_URL, COURSE_URL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site_url(live_server, pack_copy):
    port = int(live_server.url.rsplit(":", 1)[1])
    install_pack(pack_copy, set_up_site("localhost", port, default=True))
    return f"http://localhost:{port}"


@pytest.fixture
def browser_page(chromium, site_url):
    with browser_page_at(chromium, site_url) as page:
        page.csp_violations = []
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and page.csp_violations.append(message.text),
        )
        yield page


def test_public_pages_run_under_their_policy_with_nothing_blocked(browser_page):
    from playwright.sync_api import expect

    for url in (COURSE_URL.format(language="ur"), "/en/learn/resume/", CONTRACT_URL.format(language="en")):
        browser_page.goto(url)
    # The quiz's script (a static file) runs: answering shows the result in place of the form.
    browser_page.get_by_label("Before you sign it.").check()
    browser_page.get_by_label("Keep your passport yourself.").check()
    browser_page.get_by_role("button", name="Check my answers").click()
    expect(browser_page.get_by_text("You scored 100%.")).to_be_visible()
    assert browser_page.csp_violations == []


@pytest.fixture
def lesson_id(site_url):
    """An editor to log in as, and the lesson to edit (the database is not for use once the browser runs)."""
    get_user_model().objects.create_superuser("editor", password="a long admin password")
    return LessonPage.objects.get(locale__language_code="en").pk


def test_the_wagtail_admin_works_under_its_policy(lesson_id, browser_page):
    from playwright.sync_api import expect

    browser_page.goto("/admin/login/")
    browser_page.get_by_label("Username").fill("editor")
    browser_page.get_by_label("Password").fill("a long admin password")
    browser_page.get_by_role("button", name="Sign in").click()
    browser_page.wait_for_url("**/admin/")
    browser_page.goto(f"/admin/pages/{lesson_id}/edit/")
    expect(browser_page.get_by_role("button", name="Save draft")).to_be_visible()
    assert browser_page.csp_violations == []
