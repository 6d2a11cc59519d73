"""``manage.py backup_site OUT.tar.gz``: the database's contents, media and uploaded packs in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Back up the whole site (database contents, media files, uploaded packs) to a .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive to write, e.g. rahnuma-2026-11-23.tar.gz")
        parser.add_argument("--overwrite", action="store_true", help="replace the archive if it exists")

    def handle(self, *args, archive, overwrite, **options):
        path = Path(archive)
        if path.exists() and not overwrite:
            raise CommandError(f"{path} exists; choose another name or use --overwrite")
        try:
            manifest = write_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        files = len(manifest.files) - 1  # the database dump is a member too
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the site to {path}: the database and {files} files, {path.stat().st_size} bytes."
            )
        )
