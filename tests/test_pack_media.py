"""Images in packs: media/ files checked by content and size, and '::: image' blocks in bodies."""

import io
import struct
import zlib

import pytest
from PIL import Image

from course_packs import PackInvalid, read_pack
from course_packs.markdown import ImageDirective, image_directive
from course_packs.media import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, MediaProblem, read_image
from course_packs.messages import pack_messages

IMAGE_BLOCK = """
::: image
file: media/hard-hat.png
alt: A worker in a hard hat and a safety harness on scaffolding
caption: Wear your harness above two metres.
:::
"""


def png_bytes(width, height):
    """A real, tiny greyscale PNG: signature, IHDR, one IDAT of blank rows, IEND."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale, no interlace
    rows = b"".join(b"\0" + bytes(width) for _ in range(height))  # filter byte 0, then the pixels
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def pillow_image(image_format, size=(40, 30), translucent=False, **options):
    """An image from a real encoder; translucent WebP is written in the extended (VP8X) layout."""
    output = io.BytesIO()
    colour = (200, 120, 0, 128) if translucent else (200, 120, 0)
    Image.new("RGBA" if translucent else "RGB", size, colour).save(output, image_format, **options)
    return output.getvalue()


def add_image(pack, name="hard-hat.png", data=None):
    (pack / "media").mkdir(exist_ok=True)
    (pack / "media" / name).write_bytes(png_bytes(64, 48) if data is None else data)


def add_to_lesson(pack, text):
    lesson = pack / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text() + text)
    return lesson


def errors_of(pack):
    with pytest.raises(PackInvalid) as raised:
        read_pack(pack)
    return raised.value.errors


def line_of(path, text):
    return path.read_text().split("\n").index(text) + 1


def test_an_image_in_a_lesson(pack_copy):
    add_image(pack_copy)
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    pack = read_pack(pack_copy)
    image = pack.media["media/hard-hat.png"]
    assert (image.mime, image.width, image.height) == ("image/png", 64, 48)
    assert image.size == len(png_bytes(64, 48)) and image.path == pack_copy / "media" / "hard-hat.png"
    assert pack.warnings == []
    body = {m.msgid: m for m in pack_messages(pack) if m.context == "atlantis-contract:body"}
    alt = body["A worker in a hard hat and a safety harness on scaffolding"]
    assert not alt.markdown and alt.file == "lessons/contract.md"
    assert "Wear your harness above two metres." in body


def test_alt_text_and_caption_are_translatable(pack_copy):
    add_image(pack_copy)
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    po = pack_copy / "locale" / "ur" / "messages.po"
    po.write_text(
        po.read_text()
        + '\nmsgctxt "atlantis-contract:body"\nmsgid "Wear your harness above two metres."\n'
        + 'msgstr "دو میٹر سے اوپر اپنا ہارنس پہنیں۔"\n'
    )
    pack = read_pack(pack_copy)
    assert pack.catalogues["ur"].get("atlantis-contract:body", "Wear your harness above two metres.")
    assert pack.warnings == []  # the translation belongs to a string the pack has


def test_image_directive_parses_the_block():
    image, problems = image_directive("file: media/a.png\nalt: A map\n\ncaption: The route", first_line=10)
    assert image == ImageDirective("media/a.png", "A map", "The route", 10)
    assert problems == []


def test_image_directive_reports_every_problem_with_its_line():
    image, problems = image_directive("file: media/a.png\nsize: large\nalt:\nfile: media/b.png", first_line=5)
    assert image is None
    assert [(p.line, p.message) for p in problems] == [
        (6, "an image block holds only 'file:', 'alt:' and 'caption:' lines"),
        (7, "'alt:' is empty"),
        (8, "'file:' is given twice"),
    ]


def test_alt_text_is_required(pack_copy):
    add_image(pack_copy)
    lesson = add_to_lesson(pack_copy, "\n::: image\nfile: media/hard-hat.png\n:::\n")
    errors = errors_of(pack_copy)
    assert [(e.file, e.field, e.line) for e in errors if "needs an 'alt:' line" in e.message] == [
        ("lessons/contract.md", "body", line_of(lesson, "file: media/hard-hat.png"))
    ]


def test_an_unknown_line_in_an_image_block_is_an_error(pack_copy):
    add_image(pack_copy)
    lesson = add_to_lesson(pack_copy, IMAGE_BLOCK.replace("caption:", "width: 300\ncaption:"))
    (error,) = errors_of(pack_copy)
    assert error.file == "lessons/contract.md" and error.field == "body"
    assert error.line == line_of(lesson, "width: 300") and "only 'file:', 'alt:' and 'caption:'" in error.message


def test_a_missing_image_is_an_error(pack_copy):
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    (error,) = errors_of(pack_copy)
    assert (error.file, error.field) == ("lessons/contract.md", "body")
    assert "no image 'media/hard-hat.png' in the pack" in error.message


def test_an_unused_image_is_a_warning(pack_copy):
    add_image(pack_copy, "spare.png")
    pack = read_pack(pack_copy)
    assert [str(w) for w in pack.warnings] == ["media/spare.png: this image is not used by any guide section or lesson"]


def test_markdown_images_point_to_the_image_block(pack_copy):
    add_to_lesson(pack_copy, "\n![A hat](media/hard-hat.png)\n")
    (error,) = errors_of(pack_copy)
    assert "use an '::: image' block" in error.message


def test_a_png_that_is_really_html_is_refused(pack_copy):
    add_image(pack_copy, data=b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    errors = errors_of(pack_copy)
    assert "media/hard-hat.png: not a PNG image (its content looks like HTML)" in [str(e) for e in errors]


def test_an_svg_with_script_is_refused(pack_copy):
    add_image(pack_copy, "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (error,) = errors_of(pack_copy)
    assert error.file == "media/logo.svg"
    assert "SVG images are not allowed (an SVG can carry script); convert it to PNG" in error.message


def test_a_subfolder_of_media_is_refused(pack_copy):
    (pack_copy / "media" / "photos").mkdir(parents=True)
    (error,) = errors_of(pack_copy)
    assert str(error) == "media/photos: unexpected folder; media/ holds files only"


def test_a_symbolic_link_in_media_is_refused(pack_copy, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes(2, 2))
    (pack_copy / "media").mkdir()
    (pack_copy / "media" / "link.png").symlink_to(outside)
    (error,) = errors_of(pack_copy)
    assert str(error) == "media/link.png: symbolic links are not allowed in a pack"


@pytest.mark.parametrize(
    ("name", "data", "mime", "size"),
    [
        ("a.png", png_bytes(64, 48), "image/png", (64, 48)),
        ("a.jpg", pillow_image("JPEG"), "image/jpeg", (40, 30)),
        ("a.jpeg", pillow_image("JPEG", progressive=True), "image/jpeg", (40, 30)),
        ("a.jpg", pillow_image("JPEG", size=(4096, 8)), "image/jpeg", (4096, 8)),
        ("a.webp", pillow_image("WEBP"), "image/webp", (40, 30)),
        ("a.webp", pillow_image("WEBP", lossless=True, size=(300, 7)), "image/webp", (300, 7)),
        ("a.webp", pillow_image("WEBP", translucent=True, size=(3000, 2)), "image/webp", (3000, 2)),
    ],
    ids=["png", "jpeg", "progressive-jpeg", "wide-jpeg", "webp-lossy", "webp-lossless", "webp-extended"],
)
def test_images_are_measured_from_their_headers(tmp_path, name, data, mime, size):
    path = tmp_path / name
    path.write_bytes(data)
    image = read_image(path)
    assert (image.mime, (image.width, image.height), image.size) == (mime, size, len(data))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("big.png", png_bytes(MAX_IMAGE_SIDE + 1, 1), f"each side must be 1 to {MAX_IMAGE_SIDE} pixels"),
        ("tall.webp", pillow_image("WEBP", lossless=True, size=(1, MAX_IMAGE_SIDE + 1)), "each side must be 1"),
        ("heavy.png", png_bytes(1, 1) + bytes(MAX_IMAGE_BYTES), f"larger than {MAX_IMAGE_BYTES} bytes"),
        ("photo.png", pillow_image("JPEG"), "not a PNG image (its content looks like a JPEG image; rename it to .jpg)"),
        ("a.jpg", b'<?xml version="1.0"?><svg><script/></svg>', "not a JPEG image (its content looks like SVG"),
        ("a.png", b"\x89PNG\r\n\x1a\n" + bytes(30), "damaged PNG image: its header does not say its size"),
        ("a.jpg", b"\xff\xd8\xff\xda" + bytes(30), "damaged JPEG image"),
        ("a.png", b"", "the file is empty"),
        ("a.gif", b"GIF89a\x01\x00\x01\x00", "media/ holds only PNG, JPEG and WebP images"),
    ],
    ids=["too-wide", "too-tall", "too-heavy", "jpeg-named-png", "svg-named-jpg", "no-ihdr", "no-frame", "empty", "gif"],
)
def test_bad_images_are_refused_with_a_clear_message(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(MediaProblem) as raised:
        read_image(path)
    assert message in raised.value.message
