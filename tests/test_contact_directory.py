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
