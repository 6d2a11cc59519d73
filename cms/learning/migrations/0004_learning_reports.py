# Written by hand after makemigrations' output: it depends on 0003_resume_codes, made at the same time.
# It also creates the permission to see the learning reports and grants it to Wagtail's editor groups.

import django.db.models.deletion
from django.db import migrations, models

REPORT_PERMISSION = "view_learning_reports"
REPORT_GROUPS = ["Moderators", "Editors"]


def grant_report_permission(apps, schema_editor):
    # Django makes model permissions only after all migrations have run; this one is needed now to grant it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="rahnuma_learning", model="learningtally")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=REPORT_PERMISSION, defaults={"name": "Can view learning reports"}
    )
    for group in Group.objects.filter(name__in=REPORT_GROUPS):
        group.permissions.add(permission)


def remove_report_permission(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="rahnuma_learning", codename=REPORT_PERMISSION).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('rahnuma_learning', '0003_resume_codes'),
        ('wagtailcore', '0098_apitoken'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='coursecompletion',
            name='site',
            field=models.ForeignKey(blank=True, help_text='Where it was recorded.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.site'),
        ),
        migrations.AddField(
            model_name='lessonprogress',
            name='site',
            field=models.ForeignKey(blank=True, help_text='Where it was recorded.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.site'),
        ),
        migrations.AddField(
            model_name='quizattempt',
            name='site',
            field=models.ForeignKey(blank=True, help_text='Where it was recorded.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.site'),
        ),
        migrations.CreateModel(
            name='LearningTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('pack_id', models.CharField(max_length=100)),
                ('course_key', models.CharField(blank=True, max_length=80)),
                ('quiz_key', models.CharField(blank=True, max_length=80)),
                ('language', models.CharField(max_length=16)),
                ('week', models.DateField(help_text='The Monday the ISO week starts on.')),
                ('completions', models.PositiveIntegerField(default=0)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('passes', models.PositiveIntegerField(default=0)),
                ('site', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'learning tally',
                'verbose_name_plural': 'learning tallies',
                'permissions': [('view_learning_reports', 'Can view learning reports')],
            },
        ),
        migrations.RunPython(grant_report_permission, remove_report_permission),
    ]
