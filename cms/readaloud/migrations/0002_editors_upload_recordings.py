# Written by hand: Wagtail's editor groups may upload, replace and remove read-aloud recordings.

from django.db import migrations

RECORDING_PERMISSIONS = {"add_recording": "Can add read-aloud recording", "change_recording": "Can change read-aloud recording", "delete_recording": "Can delete read-aloud recording"}
EDITOR_GROUPS = ["Moderators", "Editors"]


def grant_recording_permissions(apps, schema_editor):
    # Django makes model permissions only after all migrations have run; these are needed now to grant them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="rahnuma_readaloud", model="recording")
    permissions = [
        Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]
        for codename, name in RECORDING_PERMISSIONS.items()
    ]
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*permissions)


def revoke_recording_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="rahnuma_readaloud", codename__in=RECORDING_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("rahnuma_readaloud", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),  # Wagtail's migrations make the Moderators and Editors groups
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_recording_permissions, revoke_recording_permissions)]
