"""Reading offline (themes/offline.py): in Debian's Chromium, a lesson opened once is read again with the network
cut, and a page never opened shows the offline page in its language. Kiosks keep nothing."""

import os

import pytest
from django.test import Client
from wagtail.models import Site

from cms.core.site_structure import set_up_site
from cms.packs.importer import install_pack
from tests.browser import browser_page_at, wait_until_true

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
LESSON = "/ur/courses/atlantis-course/atlantis-contract/"


@pytest.fixture
def web_url(live_server, pack_copy):
    port = int(live_server.url.rsplit(":", 1)[1])
    install_pack(pack_copy, set_up_site("localhost", port, default=True))
    return f"http://localhost:{port}"


@pytest.mark.browser
def test_a_visited_lesson_is_read_offline_and_other_pages_show_the_offline_page(chromium, web_url):
    from playwright.sync_api import expect

    with browser_page_at(chromium, web_url) as page:
        page.goto("/ur/")
        page.evaluate("navigator.serviceWorker.ready")
        wait_until_true(page, "navigator.serviceWorker.controller !== null")
        offline_pages_kept = "Promise.all(['/en/offline/', '/ur/offline/'].map((p) => caches.match(p)))"
        assert page.evaluate(f"{offline_pages_kept}.then((kept) => kept.map(Boolean))") == [False, False]
        page.goto(LESSON)
        expect(page.get_by_role("heading", level=1)).to_have_text("آپ کا معاہدہ")
        # Keeping the first page in Urdu also fetches the Urdu offline page (after the lesson is shown).
        wait_until_true(page, "caches.match('/ur/offline/').then((kept) => kept !== undefined)")
        assert page.evaluate(f"{offline_pages_kept}.then((kept) => kept.map(Boolean))") == [False, True]

        page.context.set_offline(True)
        page.goto(LESSON)
        expect(page.get_by_role("heading", level=1)).to_have_text("آپ کا معاہدہ")
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # its stylesheet was kept too
        page.goto("/ur/countries/atlantis-guide/")  # never opened
        expect(page.get_by_role("heading", level=1)).to_have_text("آپ آف لائن ہیں")
        expect(page.locator("html")).to_have_attribute("lang", "ur")


def host(url):
    return url.removeprefix("http://")


def test_the_worker_is_served_from_the_root_and_never_kept_stale(web_url):
    response = Client(HTTP_HOST=host(web_url)).get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    assert '"ur": "/ur/offline/"' in script and 'new RegExp("^/(en|ur|pnb)/' in script


def test_kiosks_do_not_register_the_worker(web_url):
    from themes.models import ThemeSettings

    port = int(web_url.rsplit(":", 1)[1])
    web = Site.objects.get(hostname="localhost", port=port)
    kiosk = Site.objects.create(hostname="kiosk.localhost", port=port, root_page=web.root_page)
    ThemeSettings.objects.create(site=kiosk, theme="kiosk")
    assert "web/js/offline.js" in Client(HTTP_HOST=host(web_url)).get(LESSON).content.decode()
    assert "web/js/offline.js" not in Client(HTTP_HOST=f"kiosk.localhost:{port}").get(LESSON).content.decode()
