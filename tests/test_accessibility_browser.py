"""WCAG 2.2 AA on the key pages, in English, Urdu and Punjabi: axe-core (npm, node_modules/axe-core) run in Debian's
Chromium through Playwright finds no serious or critical violation, and the keyboard reaches every control with a
visible focus. Pages: home, a guide section, a lesson with a quiz, the contacts, a search, and the kiosk's start,
destination, country and search screens.
"""

import os
from pathlib import Path

import pytest
from wagtail.models import Site

from cms.core.site_structure import set_up_site
from cms.packs.importer import install_pack
from tests.browser import browser_page_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("en", "ur", "pnb")
PAGES = {
    "home": "/{language}/",
    "guide section": "/{language}/countries/atlantis-guide/atlantis-at-a-glance/",
    "lesson with a quiz": "/{language}/courses/atlantis-course/atlantis-contract/",
    "contacts": "/{language}/contacts/",
    "search": "/{language}/search/?q=visa",
}
KIOSK_PAGES = {
    "kiosk start": "/{language}/",
    "kiosk destination": "/{language}/kiosk/destination/",
    "kiosk country": "/{language}/kiosk/countries/AT/",
    "kiosk search": "/{language}/kiosk/search/",
}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return {
        passed: result.passes.length,
        violations: result.violations
            .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
            .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.slice(0, 3)
                .map((node) => node.target.join(" ")).join(", ")}`),
    };
}"""


@pytest.fixture
def origins(live_server, three_language_pack):
    """The web site and, on the same pages, the kiosk: {"web": url, "kiosk": url}."""
    from themes.models import ThemeSettings

    if not AXE.exists():
        pytest.fail("needs axe-core from npm (make install, or npm ci)", pytrace=False)
    port = int(live_server.url.rsplit(":", 1)[1])
    web = set_up_site("localhost", port, default=True)
    install_pack(three_language_pack, web)
    kiosk = Site.objects.create(hostname="kiosk.localhost", port=port, root_page=web.root_page)
    ThemeSettings.objects.create(site=kiosk, theme="kiosk")
    return {"web": f"http://localhost:{port}", "kiosk": f"http://kiosk.localhost:{port}"}


def serious_violations(page, url) -> list[str]:
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(RUN_AXE, WCAG_AA)
    assert result["passed"] > 10, f"axe checked almost nothing on {url}"  # it ran, on a real page
    return [f"{url}: {violation}" for violation in result["violations"]]


def test_no_serious_or_critical_violations_on_the_key_pages_in_every_language(chromium, origins):
    violations = []
    # The site's CSP forbids inline scripts, and Playwright injects axe as one: only the test's browser bypasses it.
    with browser_page_at(chromium, origins["web"], bypass_csp=True) as page:
        for language in LANGUAGES:
            for path in PAGES.values():
                violations += serious_violations(page, origins["web"] + path.format(language=language))
            for path in KIOSK_PAGES.values():
                violations += serious_violations(page, origins["kiosk"] + path.format(language=language))
    assert violations == []


VISIBLE_CONTROLS = """() => Array.from(document.querySelectorAll("a[href], button, input:not([type=hidden]), select"))
    .filter((element) => element.getClientRects().length && !element.closest("dialog:not([open])")).length"""
FOCUS_STYLE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        tag: element.outerHTML.slice(0, 80),
        visible: box.width > 0 && box.height > 0,
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    };
}"""


@pytest.mark.parametrize("site_name", ["web", "kiosk"])
def test_the_keyboard_reaches_every_control_with_a_visible_focus(chromium, origins, site_name):
    """Tab from the top to the end of the lesson page: every stop is visible and outlined, and the quiz is reached."""
    with browser_page_at(chromium, origins[site_name]) as page:
        page.goto("/ur/courses/atlantis-course/atlantis-contract/")
        seen = []
        for _ in range(page.evaluate(VISIBLE_CONTROLS)):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_STYLE)
            if focus["tag"].startswith("<body"):
                break  # past the last control (a radio group is one stop, so there are fewer stops than controls)
            assert focus["visible"] and focus["outline"], f"no visible focus on {focus['tag']}"
            seen.append(focus["tag"])
        assert seen[0].startswith('<a class="skip-link"')
        assert any('type="radio"' in tag for tag in seen), "the keyboard never reached the quiz"
        assert any('type="submit"' in tag for tag in seen)
