# Written by hand: editors and moderators see the "Search terms" report and edit search spellings.

from django.db import migrations

EDITOR_GROUPS = ["Moderators", "Editors"]
PERMISSIONS = {
    "searchquerycount": ["view"],
    "lexiconentry": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    # Django makes model permissions only after all migrations have run; these are needed now to grant them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = []
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="rahnuma_search", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            permissions.append(permission)
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ("rahnuma_search", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
