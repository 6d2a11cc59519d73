"""Images a pack carries in ``media/``, checked before anything else trusts them.

Only PNG, JPEG and WebP are accepted. Each file is recognised by its first bytes, not by its
name, so HTML renamed to ``.png`` never reaches a page; and its pixel size is read from its header,
so an image that would decode into gigabytes of pixels (a decompression bomb) is refused before
any image library opens it. SVG is refused outright: it is XML and can carry script.

Nothing here decodes pixels and nothing needs Pillow: the header says the kind and the size::

    image = read_image(Path("pack/media/hard-hat.png"))
    image.mime, image.width, image.height   # "image/png", 640, 480
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAX_IMAGE_BYTES = 2_000_000  # a photo for a phone screen is a few hundred kilobytes
MAX_IMAGE_SIDE = 4096  # pixels per side; 4096 x 4096 x 4 bytes is 64 MB once decoded, the most we allow


class MediaProblem(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class MediaFile:
    """A checked image: where it is, what it is and how big."""

    path: Path
    mime: str
    width: int
    height: int
    size: int  # bytes


@dataclass(frozen=True)
class _ImageFormat:
    name: str
    mime: str
    extensions: tuple[str, ...]
    is_signed: Callable[[bytes], bool]  # do the first bytes say this format?
    measure: Callable[[bytes], tuple[int, int] | None]  # (width, height) from the header


def _png_size(data: bytes) -> tuple[int, int] | None:
    # The IHDR chunk must come first: 8-byte signature, 4-byte length, "IHDR", width, height.
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic
# coding conditioning) share the range but are not frames.
_JPEG_FRAME_MARKERS = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_MARKERS_WITHOUT_LENGTH = {0x01, *range(0xD0, 0xD8)}
_JPEG_START_OF_SCAN, _JPEG_END = 0xDA, 0xD9


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the marker segments after the start-of-image marker to the first frame header."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker in _JPEG_MARKERS_WITHOUT_LENGTH:
            position += 2
            continue
        if marker in (_JPEG_START_OF_SCAN, _JPEG_END):
            return None  # image data began without a frame header
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if marker in _JPEG_FRAME_MARKERS:
            if length < 7 or position + 9 > len(data):
                return None
            # After the length: sample precision (1 byte), height (2), width (2).
            height = int.from_bytes(data[position + 5 : position + 7], "big")
            width = int.from_bytes(data[position + 7 : position + 9], "big")
            return width, height
        if length < 2:
            return None
        position += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    """The first chunk after the RIFF header says lossy (VP8), lossless (VP8L) or extended (VP8X)."""
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


IMAGE_FORMATS = (
    _ImageFormat("PNG", "image/png", (".png",), lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"), _png_size),
    _ImageFormat("JPEG", "image/jpeg", (".jpg", ".jpeg"), lambda data: data.startswith(b"\xff\xd8\xff"), _jpeg_size),
    _ImageFormat(
        "WebP", "image/webp", (".webp",), lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP", _webp_size
    ),
)
_FORMAT_BY_EXTENSION = {extension: image for image in IMAGE_FORMATS for extension in image.extensions}
ACCEPTED = ", ".join(_FORMAT_BY_EXTENSION)


def read_image(path: Path) -> MediaFile:
    """Check and measure the image at ``path``; raise MediaProblem saying what to fix."""
    extension = path.suffix.lower()
    if extension == ".svg":
        raise MediaProblem("SVG images are not allowed (an SVG can carry script); convert it to PNG")
    image_format = _FORMAT_BY_EXTENSION.get(extension)
    if image_format is None:
        raise MediaProblem(f"unexpected file; media/ holds only PNG, JPEG and WebP images ({ACCEPTED})")
    with path.open("rb") as file:
        data = file.read(MAX_IMAGE_BYTES + 1)  # never more than the cap, whatever the file's size
    if len(data) > MAX_IMAGE_BYTES:
        raise MediaProblem(f"image is larger than {MAX_IMAGE_BYTES} bytes; make it smaller")
    if not data:
        raise MediaProblem("the file is empty")
    if not image_format.is_signed(data):
        raise MediaProblem(f"not a {image_format.name} image (its content looks like {_looks_like(data)})")
    size = image_format.measure(data)
    if size is None:
        raise MediaProblem(f"damaged {image_format.name} image: its header does not say its size")
    width, height = size
    if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
        raise MediaProblem(
            f"image is {width} x {height} pixels; each side must be 1 to {MAX_IMAGE_SIDE} pixels, so scale it down"
        )
    return MediaFile(path, image_format.mime, width, height, len(data))


def _looks_like(data: bytes) -> str:
    """A guess at what a mislabelled file really is, so the author knows what they packed."""
    for image_format in IMAGE_FORMATS:
        if image_format.is_signed(data):
            return f"a {image_format.name} image; rename it to {image_format.extensions[0]}"
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<"):
        if b"<svg" in start:
            return "SVG, which is not allowed"
        return "HTML" if b"<html" in start or b"<!doctype html" in start else "HTML or XML"
    if start.startswith(b"gif8"):
        return "a GIF image, which is not accepted"
    if start.startswith(b"%pdf"):
        return "a PDF document"
    return "something else"
