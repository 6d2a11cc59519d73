"""Only counsellors see client records, and only their own centres' clients (superusers see all).

Other staff are refused (Wagtail sends them to the admin's home page); another centre's client is
not found (404, after the language middleware's redirect to /en/admin/...), as if it did not exist.
"""

import pytest
from django.contrib.auth.models import User
from wagtail.models import ModelLogEntry

from cms.centres.models import Role
from cms.counselling.models import Client, Complaint, Referral
from tests.counselling_helpers import admin_staff, new_client, refused, second_centre


@pytest.fixture
def centres(site):
    return site, second_centre(site)


@pytest.fixture
def clients(centres):
    lahore, mirpur = centres
    return new_client(lahore), new_client(mirpur)


def client_urls(client_record) -> list[str]:
    pk = client_record.pk
    return [
        f"/admin/counselling/{pk}/",
        f"/admin/counselling/{pk}/edit/",
        f"/admin/counselling/{pk}/delete/",
        f"/admin/counselling/{pk}/contacts/new/",
        f"/admin/counselling/{pk}/referrals/new/",
        f"/admin/counselling/{pk}/complaints/new/",
    ]


@pytest.mark.parametrize("role", [Role.CHANGEMAKER, Role.MENTOR, Role.MANAGER])
def test_other_roles_cannot_read_counselling_records(client, centres, clients, role):
    client.force_login(admin_staff("someone", centres[0], role))
    for url in ["/admin/counselling/", "/admin/counselling/new/", *client_urls(clients[0])]:
        response = client.get(url)
        assert refused(response), url
    assert not ModelLogEntry.objects.filter(action__startswith="rahnuma_counselling.").exists()


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(client, clients):
    response = client.get(f"/admin/counselling/{clients[0].pk}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_counselling_menu_item_shows_only_to_counsellors(client, centres):
    client.force_login(admin_staff("maker", centres[0], Role.CHANGEMAKER))
    assert "/admin/counselling/" not in client.get("/admin/").content.decode()
    client.force_login(admin_staff("amna", centres[0], Role.COUNSELLOR))
    assert "/admin/counselling/" in client.get("/admin/").content.decode()


def test_a_counsellor_lists_only_their_centres_clients(client, centres, clients):
    lahore_client, mirpur_client = clients
    client.force_login(admin_staff("amna", centres[0], Role.COUNSELLOR))
    page = client.get("/admin/counselling/").content.decode()
    assert lahore_client.code in page
    assert mirpur_client.code not in page


def test_finding_a_client_by_code_searches_only_the_counsellors_centres(client, centres, clients):
    lahore_client, mirpur_client = clients
    client.force_login(admin_staff("amna", centres[0], Role.COUNSELLOR))
    found = client.get("/admin/counselling/", {"code": lahore_client.code.lower()}).context["page"]
    assert list(found) == [lahore_client]
    assert not list(client.get("/admin/counselling/", {"code": mirpur_client.code}).context["page"])


def test_a_counsellor_cannot_open_another_centres_client_by_its_url(client, centres, clients):
    mirpur_client = clients[1]
    client.force_login(admin_staff("amna", centres[0], Role.COUNSELLOR))
    for url in client_urls(mirpur_client):
        assert client.get(url, follow=True).status_code == 404, url
    assert client.post(f"/admin/counselling/{mirpur_client.pk}/delete/", follow=True).status_code == 404
    assert Client.objects.filter(pk=mirpur_client.pk).exists()
    assert not ModelLogEntry.objects.filter(action__startswith="rahnuma_counselling.").exists()


def test_a_counsellor_cannot_change_another_centres_referral_or_complaint(client, centres, clients):
    mirpur_client = clients[1]
    referral = Referral.objects.create(client=mirpur_client, reason="Legal aid")
    complaint = Complaint.objects.create(client=mirpur_client, against="agent", issue_type="fees", forum="protector")
    client.force_login(admin_staff("amna", centres[0], Role.COUNSELLOR))
    assert client.get(f"/admin/counselling/referrals/{referral.pk}/", follow=True).status_code == 404
    response = client.post(f"/admin/counselling/complaints/{complaint.pk}/", {"status": "withdrawn"}, follow=True)
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == "lodged"


def test_a_counsellor_of_one_centre_cannot_file_a_client_under_another(client, centres):
    lahore, mirpur = centres
    client.force_login(admin_staff("amna", lahore, Role.COUNSELLOR))
    data = {"centre": mirpur.pk, "sex": "male", "age_band": "18-24", "migration_stage": "considering"}
    response = client.post("/admin/counselling/new/", data)
    assert response.status_code == 200
    assert "centre" in response.context["form"].errors
    assert not Client.objects.exists()


def test_superusers_see_every_centres_clients(client, clients):
    client.force_login(User.objects.create_superuser("root", password="pw"))
    page = client.get("/admin/counselling/").content.decode()
    assert all(record.code in page for record in clients)
    assert client.get(f"/admin/counselling/{clients[1].pk}/").status_code == 200
