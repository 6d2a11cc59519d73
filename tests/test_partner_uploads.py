"""Partners upload packs in the admin; an MRC editor approves them; partners touch only their own content."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from cms.contacts.models import Contact
from cms.learning.models import CoursePage, LessonPage
from cms.packs.importer import install_pack
from cms.packs.models import InstalledPack
from cms.partners.models import PackSubmission
from cms.partners.setup import create_partner
from course_packs.archive import write_pack_zip

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_rahnuma_partners_packsubmission:add"
EDIT_URL = "wagtailsnippets_rahnuma_partners_packsubmission:edit"


def user_in(group, name):
    user = get_user_model().objects.create_user(name, password="x")
    user.groups.add(group)
    return user


@pytest.fixture
def partner_a(db):
    return create_partner("Partner A", "example")  # the example pack's publisher


@pytest.fixture
def partner_b(db):
    return create_partner("Partner B", "partner-b")


@pytest.fixture
def moderator(db):
    return user_in(Group.objects.get(name="Moderators"), "moderator")


def refused(response) -> bool:
    """Wagtail answers a refused admin request with 403, or a redirect to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def zip_of(folder, tmp_path, name="pack.zip"):
    path = write_pack_zip(folder, tmp_path / name)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="application/zip")


def upload(client, site, archive, **actions):
    return client.post(reverse(ADD_URL), {"site": site.pk, "archive": archive, **actions})


def approve(client, submission):
    task_state = submission.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_rahnuma_partners_packsubmission:workflow_action",
        args=(submission.pk, "approve", task_state.pk),
    )
    return client.post(url, {"comment": "Checked the Urdu."})


def test_partner_upload_is_checked_planned_and_waits_for_approval(client, site, partner_a, pack_copy, tmp_path):
    client.force_login(user_in(partner_a.group, "alia"))
    response = upload(client, site, zip_of(pack_copy, tmp_path))
    assert response.status_code == 302
    submission = PackSubmission.objects.get()
    assert (submission.pack_id, submission.version, submission.publisher) == ("example.atlantis", "1.0.0", "example")
    assert submission.plan.startswith("install example.atlantis 1.0.0: 5 added")
    assert not submission.live and submission.outcome == "waiting"
    assert not InstalledPack.objects.exists()
    # The partner sees the report and the plan on the submission's page.
    page = client.get(reverse(EDIT_URL, args=(submission.pk,))).content.decode()
    assert "install example.atlantis 1.0.0" in page and "added     lesson atlantis-contract" in page


def test_the_report_shows_paragraphs_over_the_readability_budget_and_the_upload_is_kept(
    client, site, partner_a, pack_copy, tmp_path
):
    client.force_login(user_in(partner_a.group, "alia"))
    lesson = pack_copy / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text() + "\nSign it. Keep it. Read it. Show it. Copy it. Ask us.\n")
    assert upload(client, site, zip_of(pack_copy, tmp_path)).status_code == 302
    submission = PackSubmission.objects.get()
    assert "lessons/contract.md:12 [body]: en: a paragraph of 6 sentences; the budget is 5" in submission.report
    page = client.get(reverse(EDIT_URL, args=(submission.pk,))).content.decode()
    assert "a paragraph of 6 sentences" in page


def test_invalid_upload_shows_errors_by_file_and_line_and_saves_nothing(client, site, partner_a, pack_copy, tmp_path):
    client.force_login(user_in(partner_a.group, "alia"))
    lesson = pack_copy / "lessons" / "contract.md"
    lesson.write_text(lesson.read_text().replace("minutes: 7", "minutes: seven"))
    response = upload(client, site, zip_of(pack_copy, tmp_path))
    assert response.status_code == 200
    assert "lessons/contract.md:5 [minutes]" in response.content.decode()
    assert not PackSubmission.objects.exists()


def test_partner_cannot_upload_another_publishers_pack(client, site, partner_b, pack_copy, tmp_path):
    client.force_login(user_in(partner_b.group, "bilal"))
    response = upload(client, site, zip_of(pack_copy, tmp_path))
    assert "pack.yaml names the publisher &#x27;example&#x27;; you publish as &#x27;partner-b&#x27;" in (
        response.content.decode()
    )
    assert not PackSubmission.objects.exists()


def test_a_hostile_zip_is_refused_at_upload(client, site, partner_a, pack_copy, tmp_path):
    import zipfile

    client.force_login(user_in(partner_a.group, "alia"))
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/cron.d/x", "boom")
    response = upload(client, site, SimpleUploadedFile("evil.zip", path.read_bytes()))
    assert re.search(r"\.\./\.\./etc/cron\.d/x: .*", response.content.decode())
    assert not PackSubmission.objects.exists()


def test_submitted_pack_is_installed_only_when_an_editor_approves(
    client, site, partner_a, moderator, pack_copy, tmp_path
):
    partner_user = user_in(partner_a.group, "alia")
    client.force_login(partner_user)
    upload(client, site, zip_of(pack_copy, tmp_path), **{"action-submit": "1"})
    submission = PackSubmission.objects.get()
    assert submission.workflow_in_progress
    # Publishing directly is not open to the partner: the pack stays uninstalled.
    client.post(reverse(EDIT_URL, args=(submission.pk,)), {"site": site.pk, "archive": "", "action-publish": "1"})
    assert not InstalledPack.objects.exists()
    assert refused(approve(client, submission))
    assert not InstalledPack.objects.exists()

    client.force_login(moderator)
    assert approve(client, PackSubmission.objects.get()).status_code == 302

    submission = PackSubmission.objects.get()
    assert submission.live and submission.outcome == "installed"
    installed = InstalledPack.objects.get()
    assert installed.publisher == "example" and installed.installed_by == moderator
    assert LessonPage.objects.filter(pack_key="atlantis-contract", live=True).count() == 2
    # The partner may now edit (not publish) its course pages in both languages.
    granted = GroupPagePermission.objects.filter(group=partner_a.group)
    assert {grant.permission.codename for grant in granted} == {"change_page"}
    assert set(granted.values_list("page__locale__language_code", flat=True)) == {"en", "ur"}


@pytest.fixture
def two_partners_content(site, partner_a, partner_b, pack_copy, tmp_path):
    """Partner A's example pack and partner B's copy of it under its own id, both installed."""
    import shutil

    from cms.partners.permissions import grant_pack_pages

    install_pack(pack_copy, site)
    grant_pack_pages("example", site, "example.atlantis")
    other = tmp_path / "b"
    shutil.copytree(pack_copy, other)
    manifest = other / "pack.yaml"
    manifest.write_text(
        manifest.read_text()
        .replace("id: example.atlantis", "id: b.pack")
        .replace("publisher: example", "publisher: partner-b")
    )
    for path in other.rglob("*"):
        if path.is_file():
            path.write_text(path.read_text().replace("atlantis-", "b-"))
    install_pack(other, site)
    grant_pack_pages("partner-b", site, "b.pack")


def test_partner_cannot_touch_another_partners_pages_or_contacts(client, two_partners_content, partner_a):
    client.force_login(user_in(partner_a.group, "alia"))
    own_course = CoursePage.objects.get(pack_key="atlantis-course", locale__language_code="en")
    other_course = CoursePage.objects.get(pack_key="b-course", locale__language_code="en")
    assert client.get(reverse("wagtailadmin_pages:edit", args=(own_course.pk,))).status_code == 200
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=(other_course.pk,))))
    other_lesson = Page.objects.get(slug="b-contract", locale__language_code="en")
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=(other_lesson.pk,))))

    own_contact = Contact.objects.get(pack_key="atlantis-helpline", locale__language_code="en")
    other_contact = Contact.objects.get(pack_key="b-helpline", locale__language_code="en")
    contact_edit = "wagtailsnippets_rahnuma_contacts_contact:edit"
    assert client.get(reverse(contact_edit, args=(own_contact.pk,))).status_code == 200
    assert refused(client.get(reverse(contact_edit, args=(other_contact.pk,))))
    response = client.post(reverse(contact_edit, args=(other_contact.pk,)), {"organisation": "Hijacked"})
    assert refused(response)
    assert Contact.objects.get(pk=other_contact.pk).organisation != "Hijacked"
    listing = client.get(reverse("wagtailsnippets_rahnuma_contacts_contact:list")).content.decode()
    assert reverse(contact_edit, args=(own_contact.pk,)) in listing
    assert reverse(contact_edit, args=(other_contact.pk,)) not in listing


def test_partner_cannot_see_another_partners_submission(client, site, partner_a, partner_b, pack_copy, tmp_path):
    client.force_login(user_in(partner_a.group, "alia"))
    upload(client, site, zip_of(pack_copy, tmp_path))
    submission = PackSubmission.objects.get()
    other = Client()  # a fresh browser, without partner A's "created" message
    other.force_login(user_in(partner_b.group, "bilal"))
    assert refused(other.get(reverse(EDIT_URL, args=(submission.pk,))))
    listing = other.get(reverse("wagtailsnippets_rahnuma_partners_packsubmission:list")).content.decode()
    assert reverse(EDIT_URL, args=(submission.pk,)) not in listing
