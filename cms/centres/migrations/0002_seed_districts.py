from django.db import migrations

from cms.centres.districts import SEED


def seed_districts(apps, schema_editor):
    District = apps.get_model("rahnuma_centres", "District")
    District.objects.bulk_create(
        [District(name=name, province=province) for province, names in SEED.items() for name in names],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("rahnuma_centres", "0001_initial")]

    operations = [migrations.RunPython(seed_districts, migrations.RunPython.noop)]
