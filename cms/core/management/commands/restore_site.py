"""``manage.py restore_site IN.tar.gz [--force]``: a backup_site archive into an empty (or, forced, any) site."""

import tarfile

from django.core.management.base import BaseCommand, CommandError

from cms.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup_site archive: the database (emptied first) and the files. Refuses a database that "
        "holds a site unless --force. Run `manage.py migrate` first, with the Rahnuma version of the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="replace the site this database and storage hold (it is deleted)"
        )

    def handle(self, *args, archive, force, **options):
        try:
            manifest = restore_backup(archive, force=force)
        except (BackupError, tarfile.TarError, OSError) as error:
            raise CommandError(f"restore failed: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the site backed up at {manifest.created_at} from {manifest.database_vendor} "
                f"(Rahnuma {manifest.rahnuma_version}): the database and {len(manifest.files) - 1} files."
            )
        )
