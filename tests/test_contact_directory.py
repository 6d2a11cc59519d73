import re
from html import unescape

import pytest

from cms.contacts.models import Contact
from cms.packs.importer import install_pack

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(site, pack_copy):
    install_pack(pack_copy, site)
    english = Contact.objects.get(pack_key="atlantis-helpline", locale__language_code="en")
    Contact.objects.create(
        site=site,
        locale=english.locale,
        organisation="Protector of Emigrants, Lahore",
        kind="government",
        country="PK",
        city="Lahore",
        phones="+92 42 99200000",
        source_title="Example",
        source_url="https://example.org",
        last_verified="2026-11-01",
    )
    return site


def organisations(response):
    return [contact.organisation for contact in response.context["contacts"]]


def test_lists_all_contacts_of_the_language(client, directory):
    assert sorted(organisations(client.get("/en/contacts/"))) == [
        "Atlantis workers' helpline",
        "Protector of Emigrants, Lahore",
    ]
    assert organisations(client.get("/ur/contacts/")) == ["اٹلانٹس مزدور ہیلپ لائن"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=PK", ["Protector of Emigrants, Lahore"]),
        ("city=Example City", ["Atlantis workers' helpline"]),
        ("kind=hotline", ["Atlantis workers' helpline"]),
        ("kind=hotline&country=PK", []),
    ],
)
def test_filters(client, directory, query, expected):
    assert organisations(client.get(f"/en/contacts/?{query}")) == expected


def test_click_to_call_and_whatsapp_links(client, directory):
    Contact.objects.filter(country="PK").update(whatsapp="+92 300 1234567")
    html = client.get("/en/contacts/?country=PK").content.decode()
    assert 'href="tel:+924299200000"' in html
    assert 'href="https://wa.me/923001234567"' in html


def test_hidden_contacts_are_not_listed(client, directory):
    Contact.objects.filter(country="PK").update(live=False)
    assert organisations(client.get("/en/contacts/")) == ["Atlantis workers' helpline"]


def _shown(response) -> list[str]:
    """The organisations the page's HTML lists (the context's queryset would be read from the database again)."""
    names = re.findall(r'<li class="contact" id="[^"]*">\s*<h2>(.*?)</h2>', response.content.decode())
    return [unescape(name) for name in names]


def test_a_filtered_list_is_rendered_once_until_a_contact_changes(client, directory, django_assert_max_num_queries):
    first = client.get("/en/contacts/?country=PK")
    with django_assert_max_num_queries(100) as kept:
        again = client.get("/en/contacts/?country=PK")
    assert _shown(again) == _shown(first) == ["Protector of Emigrants, Lahore"]
    reading_contacts = 'SELECT "rahnuma_contacts_contact"."id"'
    assert not any(query["sql"].startswith(reading_contacts) for query in kept.captured_queries), "not read again"

    contact = Contact.objects.get(country="PK")
    contact.organisation = "Protector of Emigrants (Lahore office)"
    contact.save()
    assert _shown(client.get("/en/contacts/?country=PK")) == ["Protector of Emigrants (Lahore office)"]


def test_each_language_and_host_keeps_its_own_list(client, directory):
    english = _shown(client.get("/en/contacts/"))
    assert _shown(client.get("/ur/contacts/")) == ["اٹلانٹس مزدور ہیلپ لائن"] != english
    other_host = client.get("/en/contacts/", HTTP_HOST="127.0.0.1").content.decode()
    assert "http://127.0.0.1/en/contacts/#contact-" in other_host, "share links name the host asked for"


def test_filters_the_form_does_not_offer_are_never_kept(client, directory):
    from django.core.cache import caches

    pages = caches["pages"]
    for made_up in ("ZZ", "XY", "QQ"):
        assert organisations(client.get(f"/en/contacts/?country={made_up}")) == []
    assert not pages._cache, "nothing stored for them"
    client.get("/en/contacts/?country=PK")
    assert len(pages._cache) == 1
