"""Storing H5P packages: libraries once by hash, approval by staff with the permission, drafts, the admin pages."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.h5p.models import Content, Library
from cms.h5p.storage import approve_library, content_folder, library_folder, store_package
from course_packs import PackInvalid
from tests.h5p_helpers import h5p_root as h5p_root  # a fixture
from tests.h5p_helpers import true_false_files, write_zip

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("h5p_root")]


def _staff(django_user_model, username, *permissions, staff=True):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=staff)
    for codename in ("access_admin", *permissions):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_each_library_version_is_stored_once(tmp_path):
    first = store_package(write_zip(tmp_path / "a.h5p", true_false_files()))
    second = store_package(write_zip(tmp_path / "b.h5p", true_false_files(question="Another statement.")))
    assert Library.objects.count() == 2  # Rahnuma.Common and Rahnuma.TrueFalseQuestion
    assert set(first.libraries.all()) == set(second.libraries.all())
    library = Library.objects.get(machine_name="Rahnuma.TrueFalseQuestion")
    assert (library_folder(library) / "true-false.js").is_file()
    assert second.parameters["question"] == "Another statement."


def test_the_same_version_with_different_bytes_is_refused(tmp_path):
    store_package(write_zip(tmp_path / "a.h5p", true_false_files()))
    files = true_false_files()
    files["Rahnuma.TrueFalseQuestion-1.1/true-false.js"] += b"\n/* changed */"
    with pytest.raises(PackInvalid) as refused:
        store_package(write_zip(tmp_path / "b.h5p", files))
    assert refused.value.errors[0].file == "Rahnuma.TrueFalseQuestion-1.1/library.json"
    assert "already installed with different files" in refused.value.errors[0].message
    assert Content.objects.count() == 1


def test_content_stays_draft_until_staff_with_the_permission_approve(tmp_path, django_user_model):
    content = store_package(write_zip(tmp_path / "a.h5p", true_false_files()))
    assert content.is_draft
    assert not Content.objects.playable().exists()
    editor = _staff(django_user_model, "editor", staff=True)
    with pytest.raises(PermissionError):
        approve_library(Library.objects.first(), editor)
    approver = _staff(django_user_model, "approver", "approve_library")
    for library in Library.objects.all():
        approve_library(library, approver)
    assert not content.is_draft
    assert list(Content.objects.playable()) == [content]


def test_media_are_stored_with_the_content(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    content = store_package(write_zip(tmp_path / "a.h5p", {**true_false_files(), "content/images/p.png": png}))
    assert content.files == ["images/p.png"]
    assert (content_folder(content) / "images" / "p.png").read_bytes() == png


def test_a_pack_file_is_updated_in_place(tmp_path):
    first = store_package(write_zip(tmp_path / "a.h5p", true_false_files()), pack_id="p", key="h5p/a.h5p")
    again = store_package(
        write_zip(tmp_path / "a.h5p", true_false_files(question="New.")), pack_id="p", key="h5p/a.h5p"
    )
    assert again.public_id == first.public_id
    assert Content.objects.get().parameters["question"] == "New."


def test_admin_upload_stores_a_draft_and_shows_errors(client, tmp_path, django_user_model):
    client.force_login(_staff(django_user_model, "uploader", "add_content"))
    good = SimpleUploadedFile("ok.h5p", write_zip(tmp_path / "ok.h5p", true_false_files()).read_bytes())
    response = client.post(reverse("rahnuma_h5p:upload"), {"package": good})
    assert response.status_code == 302
    assert Content.objects.get().is_draft
    files = true_false_files()
    files["content/evil.js"] = b"alert(1)"
    bad = SimpleUploadedFile("bad.h5p", write_zip(tmp_path / "bad.h5p", files).read_bytes())
    response = client.post(reverse("rahnuma_h5p:upload"), {"package": bad})
    assert response.status_code == 200
    assert "content/evil.js" in response.content.decode()
    assert Content.objects.count() == 1


def _refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_admin_pages_need_the_permissions(client, django_user_model):
    client.force_login(_staff(django_user_model, "nobody"))
    assert _refused(client.get(reverse("rahnuma_h5p:index")))
    client.force_login(_staff(django_user_model, "uploader", "add_content"))
    assert client.get(reverse("rahnuma_h5p:index")).status_code == 200
    library = Library.objects.create(
        machine_name="X", major_version=1, minor_version=1, patch_version=0, title="X", digest="0" * 64, metadata={}
    )
    assert _refused(client.post(reverse("rahnuma_h5p:approve", args=[library.pk])))
    library.refresh_from_db()
    assert not library.approved
    client.force_login(_staff(django_user_model, "approver", "add_content", "approve_library"))
    assert client.post(reverse("rahnuma_h5p:approve", args=[library.pk])).status_code == 302
    library.refresh_from_db()
    assert library.approved
