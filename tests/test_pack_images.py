"""Images in pack bodies become Wagtail images, stored once and updated when the picture changes."""

import re

import pytest
from wagtail.images import get_image_model

from cms.learning.models import LessonPage
from cms.packs.importer import install_pack
from tests.test_pack_media import IMAGE_BLOCK, add_image, add_to_lesson, png_bytes

pytestmark = pytest.mark.django_db


def image_blocks(language):
    lesson = LessonPage.objects.get(pack_key="atlantis-contract", locale__language_code=language)
    return [block.value for block in lesson.body if block.block_type == "image"]


def bump(pack, version):
    manifest = pack / "pack.yaml"
    manifest.write_text(re.sub(r"(?m)^version: .*$", f"version: {version}", manifest.read_text()))


def test_an_image_block_is_installed_as_a_wagtail_image_in_every_language(client, site, pack_copy):
    add_image(pack_copy)
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    install_pack(pack_copy, site)

    [english] = image_blocks("en")
    [urdu] = image_blocks("ur")
    assert (english["image"].width, english["image"].height) == (64, 48)
    assert english["image"].collection.name == "Pack example.atlantis"
    assert urdu["image"].pk == english["image"].pk
    page = client.get(LessonPage.objects.get(locale__language_code="en").url).content.decode()
    assert f'alt="{english["alt_text"]}"' in page


def test_upgrades_reuse_unchanged_images_and_pick_up_replaced_ones(site, pack_copy):
    add_image(pack_copy)
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    install_pack(pack_copy, site)
    bump(pack_copy, "1.0.1")
    unchanged = install_pack(pack_copy, site)
    assert unchanged.plan.keys("changed") == set() and get_image_model().objects.count() == 1

    add_image(pack_copy, data=png_bytes(80, 60))
    bump(pack_copy, "1.0.2")
    replaced = install_pack(pack_copy, site)
    assert replaced.plan.keys("changed") == {"atlantis-contract"}
    assert (image_blocks("en")[0]["image"].width, image_blocks("ur")[0]["image"].width) == (80, 80)
