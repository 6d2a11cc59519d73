"""Pack strings in wagtail-localize's segment form."""

from pathlib import Path

import polib
from wagtail_localize.strings import StringValue

from cms.packs.translation_map import _plain_string

ROOT = Path(__file__).resolve().parent.parent


def test_a_plain_string_is_what_from_plaintext_makes_of_it():
    # _plain_string skips BeautifulSoup for text that has nothing from_plaintext would change.
    texts = {
        "",
        "Your contract",
        "Tom & Jerry",
        "it's",
        "a > b",
        "  spaces  around and  between ",
        "tab\there, form\x0cfeed, no-break\u00a0space, zero\u200bwidth",
        "line\r\nbreaks\nand\rreturns",
        "Fish & chips <b>not bold</b> \"quoted\" 'single' &amp; &#x27;",
        "ویزا کی فیس؟ 50% پیشگی، باقی بعد میں۔",
        "\N{LEFT-TO-RIGHT MARK}ILO\N{RIGHT-TO-LEFT MARK} «ادارہ»",
    }
    for catalogue in [*ROOT.glob("plugins/**/*.po"), *ROOT.glob("docs/examples/**/*.po")]:
        for entry in polib.pofile(str(catalogue)):
            texts.update((entry.msgid, entry.msgstr))
    assert len(texts) > 100  # the example and first-party packs' strings are in the sample
    for text in texts:
        assert _plain_string(text) == StringValue.from_plaintext(text).data, text
