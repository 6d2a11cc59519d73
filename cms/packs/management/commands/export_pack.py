"""``manage.py export_pack PACK_ID OUT [--site HOST]``: write an installed pack as it stands as a pack folder."""

from django.core.management.base import BaseCommand, CommandError

from cms.packs.exporter import ExportError, export_pack
from cms.packs.management.installed import installed_pack
from course_packs import PackInvalid


class Command(BaseCommand):
    help = (
        "Write an installed pack as a pack folder: its pages and contacts as they stand in the site, "
        "with the translations editors made. OUT must not exist or be empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("pack_id")
        parser.add_argument("out", help="the folder to write")
        parser.add_argument("--site", help="the site's host name, when the pack is installed on several")

    def handle(self, *args, pack_id, out, site, **options):
        record = installed_pack(pack_id, site)
        try:
            site_pack = export_pack(record, out)
        except (ExportError, PackInvalid) as error:
            raise CommandError(f"{pack_id} cannot be exported; nothing was written:\n{error}") from None
        for warning in site_pack.warnings:
            self.stderr.write(f"warning: {warning}")
        translated = ", ".join(
            f"{language}: {len(catalogue.messages)}" for language, catalogue in site_pack.pack.catalogues.items()
        )
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {pack_id} {record.version} to {out}; translated strings {translated or 'none'}")
        )
