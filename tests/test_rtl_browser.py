"""Right to left done right, checked in Debian's Chromium in English, Urdu and Punjabi: the document's direction,
the subset Nastaliq font really used, a phone number inside Urdu read left to right in order, and Nastaliq lines
that do not overlap."""

import itertools
import os

import pytest

from cms.core.site_structure import set_up_site
from cms.packs.importer import install_pack
from tests.browser import browser_page_at
from themes import fonts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
LANGUAGES = {"en": "ltr", "ur": "rtl", "pnb": "rtl"}
CONTACTS = "/{language}/contacts/"
SECTION = "/{language}/countries/atlantis-guide/atlantis-at-a-glance/"
PHONE = "+000 123 4567"  # the example pack's helpline (docs/examples/example-pack/contacts.yaml)
PHONE_SIZE = {"width": 360, "height": 740}  # a cheap phone: Urdu lines wrap

# The x of each character of the first text node holding ``text`` (a Range per character).
CHARACTER_POSITIONS = """(text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, at = node.data.indexOf(text);
        if (at < 0) continue;
        const xs = [];
        for (let i = at; i < at + text.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const box = range.getBoundingClientRect();
            xs.push({char: node.data[i], x: box.left, width: box.width});
        }
        return xs;
    }
    return null;
}"""
# The line boxes of each element's text, top to bottom: its text's rects (Range.getClientRects), a rect whose middle
# lies within a line joining that line (a Latin word or a number on a Nastaliq line sits lower than its neighbours).
LINE_BOXES = """(selector) => [...document.querySelectorAll(selector)].map((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const rects = [...range.getClientRects()].filter((rect) => rect.height > 0).sort((a, b) => a.top - b.top);
    const lines = [];
    for (const rect of rects) {
        const middle = (rect.top + rect.bottom) / 2, line = lines.find((l) => l.top <= middle && middle <= l.bottom);
        if (line) {
            line.top = Math.min(line.top, rect.top);
            line.bottom = Math.max(line.bottom, rect.bottom);
        } else {
            lines.push({top: rect.top, bottom: rect.bottom});
        }
    }
    return lines;
})"""
FONTS_USED = """async () => {
    await document.fonts.ready;
    return {
        loaded: [...document.fonts].filter((face) => face.status === "loaded").map((face) => face.family),
        files: performance.getEntriesByType("resource").map((entry) => entry.name)
            .filter((name) => name.includes(".woff")),
    };
}"""


@pytest.fixture
def origin(live_server, three_language_pack):
    port = int(live_server.url.rsplit(":", 1)[1])
    install_pack(three_language_pack, set_up_site("localhost", port, default=True))
    return f"http://localhost:{port}"


def test_document_direction_follows_the_language(chromium, origin):
    with browser_page_at(chromium, origin) as page:
        for language, direction in LANGUAGES.items():
            for path in (CONTACTS, SECTION):
                page.goto(path.format(language=language))
                assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
                    language,
                    direction,
                ]
                # Mirrored: the page's text starts at the right in Urdu and Punjabi.
                start = page.evaluate("getComputedStyle(document.querySelector('main')).direction")
                assert start == direction


def test_urdu_pages_use_the_subset_nastaliq_and_english_text_the_system_font(chromium, origin):
    with browser_page_at(chromium, origin, viewport=PHONE_SIZE) as page:
        page.goto(SECTION.format(language="ur"))
        used = page.evaluate(FONTS_USED)
        assert "Noto Nastaliq Urdu" in [family.strip('"') for family in used["loaded"]]
        assert [file.rsplit("/", 1)[1].split(".")[0] for file in used["files"]] == [
            fonts.STATIC_NAME.rsplit("/", 1)[1].split(".")[0]
        ], used["files"]  # the subset, once; never the npm font's 159 KB file nor its bold one
        family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
        assert family.startswith('"Noto Nastaliq Urdu"')
    with browser_page_at(chromium, origin, viewport=PHONE_SIZE) as page:
        page.goto(SECTION.format(language="en"))
        # The switcher's اردو and پنجابی are set in the phone's own font: no Nastaliq download for two words.
        assert page.evaluate(FONTS_USED)["files"] == []


def test_a_phone_number_inside_urdu_reads_left_to_right_in_order(chromium, origin):
    with browser_page_at(chromium, origin, viewport=PHONE_SIZE) as page:
        for language in ("ur", "pnb", "en"):
            page.goto(CONTACTS.format(language=language))
            characters = page.evaluate(CHARACTER_POSITIONS, PHONE)
            assert characters is not None, f"the helpline's number is not on the {language} contacts page"
            digits = [item for item in characters if item["char"] != " "]
            xs = [item["x"] for item in digits]
            assert xs == sorted(xs) and len(set(xs)) == len(xs), (language, digits)


def test_nastaliq_lines_do_not_overlap(chromium, origin):
    with browser_page_at(chromium, origin, viewport=PHONE_SIZE) as page:
        for language in ("ur", "pnb"):
            page.goto(SECTION.format(language=language))
            page.evaluate(FONTS_USED)  # the web font in place: its metrics decide the lines
            paragraphs = page.evaluate(LINE_BOXES, "main p, main h1, main li")
            wrapped = [lines for lines in paragraphs if len(lines) > 1]
            assert wrapped, f"no text wraps on the {language} page at 360 px: nothing was checked"
            for lines in wrapped:
                for above, below in itertools.pairwise(lines):
                    assert below["top"] >= above["bottom"] - 0.5, (language, above, below)
