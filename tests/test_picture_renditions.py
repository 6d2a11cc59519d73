"""Pictures in guide sections and lessons: resized Wagtail renditions in AVIF and WebP with a JPEG fallback, two
widths for phones, and width and height set so the page does not jump while they load."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image

from cms.core.blocks import ImageBlock

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    data = io.BytesIO()
    PillowImage.new("RGB", (2000, 1500), (11, 110, 79)).save(data, "PNG")
    return Image.objects.create(title="Recruitment office", file=ImageFile(data, name="office.png"))


def test_an_image_block_renders_a_picture_with_modern_formats_and_its_size(photo):
    block = ImageBlock()
    html = block.render(block.to_python({"image": photo.pk, "alt_text": "The office", "caption": "An office"}))
    sources = re.findall(r'<source[^>]*srcset="([^"]+)"[^>]*type="([^"]+)"', html)
    assert [kind for _, kind in sources] == ["image/avif", "image/webp"]
    for srcset, kind in sources:
        extension = kind.split("/")[1]
        assert f".{extension} 360w" in srcset and f".{extension} 720w" in srcset, srcset
    image = re.search(r"<img [^>]*>", html).group(0)
    assert 'width="360"' in image and 'height="270"' in image  # the 4:3 photo resized, not its 2000 px original
    assert 'alt="The office"' in image and 'loading="lazy"' in image
    assert ".jpg" in image or ".jpeg" in image  # the fallback for browsers without AVIF or WebP
    assert "office.png" not in html  # never the original upload
    assert "<figcaption>An office</figcaption>" in html
