"""Sharing (themes.sharing): WhatsApp and copy-link buttons on guide sections, lessons and contacts, and Open
Graph tags with a small preview picture, so an outreach campaign can point people at exact pages."""

import html
import re
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.packs.importer import install_pack
from tests.test_pack_media import IMAGE_BLOCK, add_image, add_to_lesson, png_bytes
from themes.models import ThemeSettings

pytestmark = pytest.mark.django_db

SECTION = "/en/countries/atlantis-guide/atlantis-at-a-glance/"
LESSON = "/{language}/courses/atlantis-course/atlantis-contract/"


def page_html(path, host="localhost"):
    response = Client(HTTP_HOST=host).get(path)
    assert response.status_code == 200
    return response.content.decode()


def meta(html_text, name):
    found = re.search(rf'<meta property="{name}" content="([^"]*)">', html_text)
    return html.unescape(found.group(1)) if found else None


def test_a_guide_section_has_a_whatsapp_link_a_copy_button_and_open_graph_tags(course):
    text = page_html(SECTION)
    url = f"http://localhost{SECTION}"
    link = html.unescape(re.search(r'class="button share-whatsapp" href="([^"]+)"', text).group(1))
    assert link.startswith("https://wa.me/?text=")
    assert unquote(link.removeprefix("https://wa.me/?text=")) == f"Atlantis at a glance\n{url}"
    assert f'data-copy-link="{url}" hidden' in text  # shown by share.js, which alone can copy
    assert "web/js/share.js" in text
    assert meta(text, "og:title") == "Atlantis at a glance"
    assert meta(text, "og:url") == url
    assert meta(text, "og:locale") == "en"
    assert meta(text, "og:description")
    assert meta(text, "og:image") is None  # no picture in the page and none set for the site


def test_lessons_share_in_their_language_and_contacts_share_their_own_anchor(course):
    text = page_html(LESSON.format(language="ur"))
    assert meta(text, "og:locale") == "ur"
    assert meta(text, "og:url") == "http://localhost" + LESSON.format(language="ur")
    assert "share-whatsapp" in text
    contacts = page_html("/en/contacts/")
    anchors = re.findall(r'<li class="contact" id="([^"]+)">', contacts)
    assert anchors
    for anchor in anchors:
        assert f'data-copy-link="http://localhost/en/contacts/#{anchor}"' in contacts


def test_the_preview_is_a_small_rendition_of_the_pages_picture(site, pack_copy):
    add_image(pack_copy)
    add_to_lesson(pack_copy, IMAGE_BLOCK)
    install_pack(pack_copy, site)
    text = page_html(LESSON.format(language="en"))
    image_url = meta(text, "og:image")
    assert image_url.startswith("http://localhost/media/images/") and image_url.endswith(".jpg")
    assert meta(text, "og:image:width") == "64"  # cropped to the preview's shape, never enlarged
    assert int(meta(text, "og:image:height")) < 48


def test_pages_without_a_picture_show_the_sites_share_picture(course):
    picture = get_image_model().objects.create(
        title="MRC", file=ImageFile(BytesIO(png_bytes(1200, 800)), name="share.png")
    )
    ThemeSettings.objects.create(site=Site.objects.get(hostname="localhost"), share_image=picture)
    text = page_html(SECTION)
    assert meta(text, "og:image").startswith("http://localhost/media/images/share")
    assert (meta(text, "og:image:width"), meta(text, "og:image:height")) == ("600", "314")


def test_the_kiosk_shares_nothing(course):
    web = Site.objects.get(hostname="localhost")
    kiosk = Site.objects.create(hostname="kiosk.localhost", port=80, root_page=web.root_page)
    ThemeSettings.objects.create(site=kiosk, theme="kiosk")
    for path in (SECTION, LESSON.format(language="en"), "/en/contacts/"):
        text = page_html(path, "kiosk.localhost")
        assert "wa.me" not in text and "data-copy-link" not in text
        assert not re.search(r'<a [^>]*href="(https?:)?//', text), f"a link leaves the kiosk on {path}"
