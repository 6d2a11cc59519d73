"""A Wagtail workflow for pack submissions: the Moderators group (MRC editors) approves each one."""

from django.db import migrations

WORKFLOW_NAME = "Course pack approval"
TASK_NAME = "MRC editors approve the pack"
APPROVERS = "Moderators"  # Wagtail's own group of editors who may publish


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    submission_type, _ = ContentType.objects.get_or_create(app_label="rahnuma_partners", model="packsubmission")
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    approvers, _ = Group.objects.get_or_create(name=APPROVERS)
    # Approvers review and publish submissions; the permission rows are made here because Django
    # creates a new model's permissions only after all migrations have run.
    for codename, name in [
        ("view_packsubmission", "Can view pack submission"),
        ("change_packsubmission", "Can change pack submission"),
        ("publish_packsubmission", "Can publish pack submission"),
    ]:
        permission, _ = Permission.objects.get_or_create(
            content_type=submission_type, codename=codename, defaults={"name": name}
        )
        approvers.permissions.add(permission)

    task, created = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    if created:
        task.groups.add(approvers)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.get_or_create(content_type=submission_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("rahnuma_partners", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
