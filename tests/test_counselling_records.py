"""The counsellor's records: pseudonymous codes, complaint amounts and status history, referral dates."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.centres.models import Role
from cms.counselling.models import Client, Complaint, Referral
from tests.counselling_helpers import admin_staff, new_client

COMPLAINT = {
    "against": "agent",
    "issue_type": "fees",
    "amount_claimed_pkr": "250000",
    "forum": "protector",
    "lodged_on": "2027-01-10",
    "status": "lodged",
    "amount_recovered_pkr": "0",
}


@pytest.fixture
def counsellor(site):
    return admin_staff("amna", site, Role.COUNSELLOR)


@pytest.fixture
def record(site):
    return new_client(site)


def test_a_client_is_known_by_a_random_code_and_nothing_that_names_them(site):
    codes = {new_client(site).code for _ in range(20)}
    assert len(codes) == 20
    assert all(re.fullmatch(r"C-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code) for code in codes)
    fields = {field.name for field in Client._meta.get_fields()}
    assert not fields & {"name", "phone", "cnic", "address", "date_of_birth"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount_claimed_pkr": "-5"}, "amount_claimed_pkr"),
        ({"amount_recovered_pkr": "-1"}, "amount_recovered_pkr"),
        ({"amount_recovered_pkr": "250001"}, "amount_recovered_pkr"),
        ({"amount_claimed_pkr": "12.5"}, "amount_claimed_pkr"),
    ],
)
def test_bad_complaint_amounts_are_refused_naming_the_field(client, counsellor, record, changes, field):
    client.force_login(counsellor)
    response = client.post(f"/admin/counselling/{record.pk}/complaints/new/", {**COMPLAINT, **changes})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    label = response.context["form"][field].label
    assert label.startswith("Amount") and f"{label}: " in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_complaints_status_history_records_each_change_with_date_and_user(client, counsellor, record):
    client.force_login(counsellor)
    client.post(f"/admin/counselling/{record.pk}/complaints/new/", COMPLAINT)
    complaint = Complaint.objects.get()
    url = f"/admin/counselling/complaints/{complaint.pk}/"
    client.post(url, {**COMPLAINT, "status": "in-progress"})
    client.post(url, {**COMPLAINT, "status": "in-progress", "amount_recovered_pkr": "1000"})  # no new status
    client.post(url, {**COMPLAINT, "status": "resolved", "amount_recovered_pkr": "150000"})

    complaint.refresh_from_db()
    history = list(complaint.history.all())
    assert [change.status for change in history] == ["lodged", "in-progress", "resolved"]
    assert all(change.changed_by == counsellor and change.changed_at for change in history)
    # The centre's own day (Asia/Karachi), which differs from UTC's for five hours each night.
    assert complaint.resolved_on == timezone.localdate(history[-1].changed_at)
    assert complaint.amount_recovered_pkr == 150000

    client.post(url, {**COMPLAINT, "status": "in-progress", "amount_recovered_pkr": "150000"})  # reopened
    complaint.refresh_from_db()
    assert complaint.resolved_on is None


def test_a_closed_referral_needs_its_closing_date(record):
    referral = Referral(client=record, reason="Legal aid", status="completed", made_on="2027-01-05")
    with pytest.raises(ValidationError) as refused:
        referral.full_clean(exclude=["organisation"])
    assert "closed_on" in refused.value.message_dict
    referral.closed_on = "2027-01-01"  # before it was made
    with pytest.raises(ValidationError) as refused:
        referral.full_clean(exclude=["organisation"])
    assert "closed_on" in refused.value.message_dict
    referral.closed_on = "2027-01-20"
    referral.full_clean(exclude=["organisation"])
