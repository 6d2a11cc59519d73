"""Every read and change of a client's record is in the audit log, under the client's code only;
deleting a client on request deletes everything recorded about them."""

import pytest
from wagtail.models import ModelLogEntry

from cms.centres.models import Role
from cms.contacts.models import Contact
from cms.counselling.models import (
    Client,
    Complaint,
    ComplaintStatusChange,
    CounsellingContact,
    Referral,
)
from tests.counselling_helpers import admin_staff, new_client


@pytest.fixture
def counsellor(site):
    return admin_staff("amna", site, Role.COUNSELLOR)


@pytest.fixture
def record(site):
    return new_client(site)


def entries(action):
    return ModelLogEntry.objects.filter(action=f"rahnuma_counselling.{action}").order_by("pk")


def test_every_read_of_a_client_record_is_logged_with_user_time_and_code(client, counsellor, record):
    client.force_login(counsellor)
    assert client.get(f"/admin/counselling/{record.pk}/").status_code == 200
    assert client.get(f"/admin/counselling/{record.pk}/").status_code == 200

    reads = list(entries("view"))
    assert len(reads) == 2
    assert all(entry.user == counsellor and entry.object_id == str(record.pk) for entry in reads)
    assert all(entry.label == record.code and entry.timestamp is not None for entry in reads)


def test_opening_a_form_that_shows_a_record_is_a_read_too(client, counsellor, record):
    complaint = Complaint.objects.create(client=record, against="employer", issue_type="wages", forum="attache")
    client.force_login(counsellor)
    assert client.get(f"/admin/counselling/{record.pk}/edit/").status_code == 200
    assert client.get(f"/admin/counselling/complaints/{complaint.pk}/").status_code == 200
    assert client.get(f"/admin/counselling/{record.pk}/referrals/new/").status_code == 200  # an empty form
    reads = [(entry.label, entry.data.get("record")) for entry in entries("view")]
    assert reads == [(record.code, None), (record.code, {"kind": "complaint", "id": complaint.pk})]


def test_the_list_of_codes_is_not_a_read_of_any_record(client, counsellor, record):
    client.force_login(counsellor)
    assert record.code in client.get("/admin/counselling/").content.decode()
    assert not entries("view").exists()


def test_creating_and_changing_a_client_is_logged_with_the_fields_changed(client, counsellor, site):
    client.force_login(counsellor)
    data = {"centre": site.pk, "sex": "male", "age_band": "18-24", "migration_stage": "considering"}
    response = client.post("/admin/counselling/new/", data)
    created = Client.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/counselling/{created.pk}/"
    assert entries("create").get().label == created.code

    client.post(f"/admin/counselling/{created.pk}/edit/", {**data, "migration_stage": "preparing", "destination": "QA"})
    change = entries("edit").get()
    assert change.user == counsellor
    assert change.data == {"fields": ["destination", "migration_stage"]}
    created.refresh_from_db()
    assert (created.migration_stage, created.destination) == ("preparing", "QA")


def test_adding_a_contact_referral_or_complaint_is_logged_on_the_client(client, counsellor, record, course):
    client.force_login(counsellor)
    organisation = Contact.objects.filter(locale__language_code="en").first()
    client.post(
        f"/admin/counselling/{record.pk}/contacts/new/",
        {"date": "2027-01-05", "channel": "walk-in", "topics": ["costs", "agents"], "minutes": "25"},
    )
    client.post(
        f"/admin/counselling/{record.pk}/referrals/new/",
        {"organisation": organisation.pk, "reason": "Legal aid", "status": "made", "made_on": "2027-01-05"},
    )
    contact, referral = CounsellingContact.objects.get(), Referral.objects.get()
    assert contact.counsellor == counsellor and contact.topics == ["costs", "agents"]
    logged = [(entry.label, entry.data["record"]) for entry in entries("create")]
    assert logged == [
        (record.code, {"kind": "counsellingcontact", "id": contact.pk}),
        (record.code, {"kind": "referral", "id": referral.pk}),
    ]


def test_deleting_a_client_on_request_deletes_their_records_and_the_log_keeps_only_the_code(
    client, counsellor, record, site
):
    other = new_client(site)
    CounsellingContact.objects.create(client=record, channel="phone", topics=["contract"], minutes=10)
    Referral.objects.create(client=record, reason="Skills training")
    complaint = Complaint.objects.create(client=record, against="agent", issue_type="fees", forum="protector")
    complaint.note_status(counsellor)
    client.force_login(counsellor)
    client.get(f"/admin/counselling/{record.pk}/")

    assert client.get(f"/admin/counselling/{record.pk}/delete/").status_code == 200
    assert Client.objects.filter(pk=record.pk).exists()  # asking is not deleting
    response = client.post(f"/admin/counselling/{record.pk}/delete/")

    assert response.status_code == 302
    assert list(Client.objects.all()) == [other]
    for model in (CounsellingContact, Referral, Complaint, ComplaintStatusChange):
        assert not model.objects.exists(), model
    deleted = entries("delete").get()
    assert deleted.user == counsellor and deleted.label == record.code and deleted.deleted
    # What the log still holds of the client: the code, and no other text about them.
    for entry in ModelLogEntry.objects.filter(object_id=str(record.pk)):
        assert entry.label == record.code
        assert set(entry.data) <= {"record", "fields"}
    assert client.get(f"/admin/counselling/{record.pk}/", follow=True).status_code == 404
