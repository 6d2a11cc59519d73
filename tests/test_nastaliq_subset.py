"""The Nastaliq subset (themes.fonts): smaller, the whole Urdu and Punjabi alphabet, and the same Nastaliq shaping as
the full font."""

import io
import re
from pathlib import Path

import pytest
import uharfbuzz
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from themes import fonts

SITE_CSS = Path(fonts.PROJECT) / "themes/web/static/web/css/site.css"
# Content the subset is made from in these tests: a guide's sentence with a number and a name in it.
CONTENT = (
    "سعودی عرب میں مدد کے لیے ۱۹۹۰ پر فون کریں۔ آپ کا معاہدہ آپ کی زبان میں ہونا چاہیے، اور پاسپورٹ آپ کے پاس رہے گا۔"
)
# Never in CONTENT: words the alphabet must still set in Nastaliq (Punjabi's ݨ and ࣇ among them).
NEW_WORDS = ["ژالہ باری", "پاݨی", "کࣇا", "ظہور", "غضنفر"]


@pytest.fixture(scope="module")
def subset_font(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("font")
    content = folder / "content.po"
    content.write_text(f'msgid "x"\nmsgstr "{CONTENT}"\n', encoding="utf-8")
    return fonts.ensure_subset(folder / "subset.woff2", fonts.SOURCE_FONT, [content])


@pytest.fixture(scope="module")
def subset_in_source_units(tmp_path_factory) -> Path:
    """The same subset in the source font's 1,000 units per em, to compare with the full font glyph by glyph."""
    path = tmp_path_factory.mktemp("font") / "subset-1000.woff2"
    path.write_bytes(fonts.build_subset(fonts.SOURCE_FONT, fonts.subset_characters([CONTENT]), units_per_em=None))
    return path


def harfbuzz_run(font_file: Path, text: str):
    """The font and HarfBuzz's glyph infos and positions for ``text``."""
    font = TTFont(font_file)
    font.flavor = None
    data = io.BytesIO()
    font.save(data)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(uharfbuzz.Face(data.getvalue())), buffer, {})
    return font, buffer.glyph_infos, buffer.glyph_positions


def shaped(font_file: Path, text: str) -> list[tuple]:
    """HarfBuzz's glyphs (by their outlines: the subset renumbers them) and positions for ``text``."""
    font, infos, positions = harfbuzz_run(font_file, text)
    glyph_set, names = font.getGlyphSet(), font.getGlyphOrder()
    return [
        (
            _outline(glyph_set, names[info.codepoint]),
            position.x_advance,
            position.x_offset,
            position.y_offset,
            info.codepoint if info.codepoint == 0 else None,  # .notdef, the box of a missing character
        )
        for info, position in zip(infos, positions, strict=True)
    ]


def _outline(glyph_set, name: str) -> str:
    pen = DecomposingRecordingPen(glyph_set)  # components by their outlines: the subset renames glyphs
    glyph_set[name].draw(pen)
    return repr(pen.value)


def test_the_subset_is_far_smaller_than_the_npm_font_and_is_woff2(subset_font):
    size = subset_font.stat().st_size
    assert subset_font.read_bytes()[:4] == b"wOF2"
    assert size < 0.8 * fonts.SOURCE_FONT.stat().st_size, size


def test_every_letter_digit_and_mark_of_urdu_and_punjabi_is_in_the_subset(subset_font):
    covered = set(TTFont(subset_font).getBestCmap())
    missing = [f"U+{ord(char):04X}" for char in fonts.CHARACTERS if ord(char) not in covered]
    assert missing == []


def test_the_content_is_shaped_exactly_as_by_the_full_font(subset_in_source_units):
    """Same glyphs (Nastaliq's contextual forms), same advances and mark offsets: the subset changes nothing."""
    for sentence in CONTENT.split("، "):
        assert shaped(subset_in_source_units, sentence) == shaped(fonts.SOURCE_FONT, sentence)


def test_the_coarser_units_keep_every_glyph_and_move_nothing_by_more_than_one_unit(subset_font, subset_in_source_units):
    """The served subset (fonts.UNITS_PER_EM) sets the same glyphs; each position is the source's, rounded."""
    assert TTFont(subset_font)["head"].unitsPerEm == fonts.UNITS_PER_EM
    scale = fonts.UNITS_PER_EM / TTFont(subset_in_source_units)["head"].unitsPerEm
    for sentence in CONTENT.split("، "):
        _, glyphs, positions = harfbuzz_run(subset_font, sentence)
        _, source_glyphs, source_positions = harfbuzz_run(subset_in_source_units, sentence)
        assert [info.codepoint for info in glyphs] == [info.codepoint for info in source_glyphs]
        for position, source in zip(positions, source_positions, strict=True):
            for field in ("x_advance", "x_offset", "y_offset"):
                assert abs(getattr(position, field) - getattr(source, field) * scale) <= 1, (sentence, field)
        line, source_line = sum(p.x_advance for p in positions), sum(p.x_advance for p in source_positions) * scale
        assert abs(line - source_line) <= len(positions) / 2  # rounding does not pile up along a line


@pytest.mark.parametrize("word", NEW_WORDS)
def test_words_not_in_the_content_still_join_in_nastaliq(subset_font, word):
    """Every letter is there, and joined letters take other shapes than each letter alone would."""
    glyphs = shaped(subset_font, word)
    alone = [glyph for letter in word for glyph in shaped(subset_font, letter)]
    assert all(glyph_id != 0 for *_, glyph_id in glyphs), "a character without a glyph"
    assert {outline for outline, *_ in glyphs} - {outline for outline, *_ in alone}, "no contextual forms"


def test_the_characters_follow_the_content_beyond_the_alphabet():
    assert set(fonts.subset_characters([CONTENT])) == set(fonts.CHARACTERS)  # Urdu needs nothing more
    saraiki = fonts.subset_characters([CONTENT + " ڳ"])  # a letter beyond Urdu and Punjabi
    assert "ڳ" in saraiki
    assert fonts.inputs_digest(fonts.SOURCE_FONT, saraiki) != fonts.inputs_digest(fonts.SOURCE_FONT, fonts.CHARACTERS)
    assert fonts.subset_characters([CONTENT + " new words"]) == fonts.subset_characters([CONTENT])


def test_an_unchanged_build_is_kept(subset_font, tmp_path):
    content = subset_font.parent / "content.po"
    modified = subset_font.stat().st_mtime_ns
    fonts.ensure_subset(subset_font, fonts.SOURCE_FONT, [content])
    assert subset_font.stat().st_mtime_ns == modified


def test_the_stylesheet_serves_the_subset_for_its_characters_only(subset_font):
    css = SITE_CSS.read_text()
    face = re.search(r"@font-face \{(.*?)\}", css, re.S).group(1)
    assert Path(fonts.STATIC_NAME).name in face
    assert "font-display: swap" in face
    ranges = [
        (int(start, 16), int(end or start, 16))
        for start, end in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", face.split("unicode-range:")[1])
    ]

    def in_range(code):
        return any(start <= code <= end for start, end in ranges)

    cmap = TTFont(subset_font).getBestCmap()
    assert [hex(code) for code in cmap if code > 0x7F and code != 0xA0 and not in_range(code)] == []
    assert not in_range(ord("a")) and not in_range(ord("7"))  # Latin and ASCII digits never fetch the font
