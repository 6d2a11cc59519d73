# Written by hand: the group a centre's managers are put in, to enter the admin and set indicator
# targets. Which figures they see is decided by their CentreStaff role (cms.indicators.views).

from django.db import migrations

GROUP = "Centre managers"
TARGET_PERMISSIONS = [
    ("add_target", "Can add indicator target"),
    ("change_target", "Can change indicator target"),
    ("delete_target", "Can delete indicator target"),
    ("view_target", "Can view indicator target"),
]


def create_group(apps, schema_editor):
    # Django makes a new model's permissions only after all migrations have run: made here to grant them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    target_type, _ = ContentType.objects.get_or_create(app_label="rahnuma_indicators", model="target")
    permissions = [(admin_type, "access_admin", "Can access Wagtail admin")] + [
        (target_type, codename, name) for codename, name in TARGET_PERMISSIONS
    ]
    for content_type, codename, name in permissions:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rahnuma_indicators", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
