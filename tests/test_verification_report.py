"""Truthfulness (issue 10): content never verified, or verified too long ago, is listed for editors to re-check.

Ages are computed against a fixed day passed to ``due_items``; the admin pages compute them against
today, so their items are dated relative to today.
"""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Locale

from cms.contacts.models import Contact
from cms.guides.models import GuideSectionPage
from cms.learning.models import LessonPage
from cms.partners.setup import create_partner
from cms.verification.stale import due_count, due_items

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 6, 15)
SECTION, LESSON, HELPLINE = "atlantis-at-a-glance", "atlantis-contract", "atlantis-helpline"
REPORT = "/admin/content-to-recheck/"


def days_ago(days: int, today=TODAY) -> datetime.date:
    return today - datetime.timedelta(days=days)


def verified(key: str, when: datetime.date | None):
    """Set the item's last-verified date in every language (the field is synchronised)."""
    for model in (GuideSectionPage, LessonPage, Contact):
        if model.objects.filter(pack_key=key).update(last_verified=when):
            return
    raise LookupError(key)


@pytest.fixture
def dated(course):
    """The example pack: its section 366 days old, its lesson never verified, its contact exactly 365 days old."""
    verified(SECTION, days_ago(366))
    verified(LESSON, None)
    verified(HELPLINE, days_ago(365))
    return course


@pytest.fixture
def dated_today(course):
    """The same ages, counted from today, for the admin pages."""
    today = timezone.localdate()
    verified(SECTION, days_ago(366, today))
    verified(LESSON, None)
    verified(HELPLINE, days_ago(365, today))
    return course


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "x")


def editor():
    user = get_user_model().objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def keys(items) -> list[str]:
    return [item.title for item in items]


def test_never_verified_and_older_than_the_age_are_due_oldest_first(dated, superuser):
    due = due_items(superuser, today=TODAY)
    section = GuideSectionPage.objects.get(pack_key=SECTION, locale__language_code="en")
    lesson = LessonPage.objects.get(pack_key=LESSON, locale__language_code="en")
    assert keys(due) == [lesson.title, section.title]  # never verified first; the contact at 365 days is not due
    assert due_count(superuser, today=TODAY) == 2
    never, old = due
    assert (never.kind, never.last_verified, never.age_days) == ("lesson", None, None)
    assert never.last_verified_label == "Never"
    assert (old.kind, old.age_days, old.pack_id, old.publisher) == ("guide_section", 366, "example.atlantis", "example")
    # Listed once, in the default language, though the pack made an Urdu copy of each.
    assert LessonPage.objects.filter(pack_key=LESSON).count() == 2 and {item.language for item in due} == {"en"}
    assert old.edit_url == reverse("wagtailadmin_pages:edit", args=[section.pk])


def test_the_day_after_the_age_is_reached_an_item_is_due(dated, superuser):
    helpline = Contact.objects.get(pack_key=HELPLINE, locale__language_code="en")
    later = due_items(superuser, today=TODAY + datetime.timedelta(days=1))
    assert [item.kind for item in later] == ["lesson", "guide_section", "contact"]
    assert later[-1].age_days == 366 and later[-1].edit_url.endswith(f"/edit/{helpline.pk}/")


def test_the_age_setting_is_honoured(dated, superuser, settings):
    settings.RAHNUMA_CONTENT_MAX_AGE_DAYS = 30
    assert [item.kind for item in due_items(superuser, today=TODAY)] == ["lesson", "guide_section", "contact"]
    settings.RAHNUMA_CONTENT_MAX_AGE_DAYS = 1000
    assert [item.kind for item in due_items(superuser, today=TODAY)] == ["lesson"]


def test_content_learners_cannot_see_is_not_listed(dated, superuser):
    LessonPage.objects.filter(pack_key=LESSON).update(live=False)
    Contact.objects.filter(pack_key=HELPLINE).update(live=False, last_verified=days_ago(5000))
    assert [item.kind for item in due_items(superuser, today=TODAY)] == ["guide_section"]


def hand_made_contact():
    """A contact an editor added without a pack, never verified: no partner's."""
    return Contact.objects.create(
        locale=Locale.get_default(),
        organisation="Hand-made help desk",
        kind="ngo",
        country="PK",
        phones="+92 51 111 222",
        source_title="Its leaflet",
        source_url="https://example.org/leaflet",
        last_verified=days_ago(2000, timezone.localdate()),
    )


def partner_user(publisher: str, username: str):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(create_partner(f"Partner {publisher}", publisher).group)
    return user


def test_partners_see_only_their_own_publishers_items(dated, superuser):
    hand_made_contact()
    assert "Hand-made help desk (PK)" in keys(due_items(superuser, today=TODAY))
    own = partner_user("example", "ours")
    assert [item.pack_id for item in due_items(own, today=TODAY)] == ["example.atlantis", "example.atlantis"]
    assert due_items(partner_user("someone-else", "theirs"), today=TODAY) == []


def test_the_report_lists_due_items_with_links_to_edit_them(dated_today, client):
    client.force_login(editor())
    page = client.get(REPORT)
    assert page.status_code == 200
    html = page.content.decode()
    section = GuideSectionPage.objects.get(pack_key=SECTION, locale__language_code="en")
    lesson = LessonPage.objects.get(pack_key=LESSON, locale__language_code="en")
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[section.pk])}"' in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[lesson.pk])}"' in html
    assert "Never" in html and ">366<" in html.replace(" ", "").replace("\n", "")
    assert "more than 365 days ago" in html
    assert "Atlantis helpline" not in html  # 365 days: not yet due


def test_the_report_filters_by_kind_pack_and_publisher(dated_today, client, superuser):
    hand_made_contact()
    client.force_login(superuser)
    lessons_only = client.get(REPORT, {"kind": "lesson"}).content.decode()
    assert "Hand-made help desk" not in lessons_only and "/admin/pages/" in lessons_only
    by_pack = client.get(REPORT, {"pack_id": "example.atlantis"}).content.decode()
    assert "Hand-made help desk" not in by_pack and by_pack.count("/edit/") >= 2
    by_publisher = client.get(REPORT, {"publisher": "example", "kind": "contact"}).content.decode()
    assert "Nothing is due for re-checking." in by_publisher
    unknown = client.get(REPORT, {"pack_id": "not.installed"}).content.decode()
    assert "Select a valid choice" in unknown and "/edit/" not in unknown  # refused, not ignored silently


def test_the_report_downloads_as_csv_and_xlsx(dated_today, client, superuser):
    client.force_login(superuser)
    response = client.get(REPORT, {"export": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="content-to-recheck-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Title", "Kind", "Pack", "Publisher", "Language", "Last verified", "Days since last verified", "Edit",
    ]  # fmt: skip
    assert [row[1] for row in rows[1:]] == ["Lesson", "Guide section"]
    assert rows[1][5] == "" and rows[2][6] == "366" and rows[2][7].startswith("http://testserver/admin/pages/")
    workbook = load_workbook(io.BytesIO(b"".join(client.get(REPORT, {"export": "xlsx"}).streaming_content)))
    sheet = list(workbook.active.values)
    assert sheet[0][0] == "Title" and [row[1] for row in sheet[1:]] == ["Lesson", "Guide section"]
    assert sheet[2][5] == days_ago(366, timezone.localdate())  # a date cell, not text


def test_a_partner_sees_only_its_packs_in_the_report_and_its_filters(dated_today, client):
    hand_made_contact()
    client.force_login(partner_user("example", "ours"))
    html = client.get(REPORT).content.decode()
    assert "Hand-made help desk" not in html and "example.atlantis" in html
    client.force_login(partner_user("someone-else", "theirs"))
    html = client.get(REPORT).content.decode()
    assert "Nothing is due for re-checking." in html and "example.atlantis" not in html  # not even as a filter


def test_the_dashboard_counts_the_items_to_recheck(dated_today, client):
    client.force_login(editor())
    home = client.get("/admin/").content.decode()
    assert "2 items to re-check" in home and f'href="{REPORT}"' in home


def test_staff_who_edit_no_content_are_refused_and_see_no_count(dated_today, client):
    staff = get_user_model().objects.create_user("counsellor", password="x")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    for query in ({}, {"export": "csv"}):
        response = client.get(REPORT, query)
        # Wagtail's admin answers PermissionDenied with a redirect to its dashboard and a message.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    home = client.get("/admin/").content.decode()
    assert "to re-check" not in home and "Content to re-check" not in home
    client.logout()
    assert client.get(REPORT).status_code == 302  # to the login page
