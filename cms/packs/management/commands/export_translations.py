"""``manage.py export_translations PACK_ID LANG OUT``: one language of an installed pack as a PO file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.packs.exporter import ExportError
from cms.packs.management.installed import installed_pack
from cms.packs.translation_files import TranslationsInvalid, translations_po


class Command(BaseCommand):
    help = "Write the PO file of one language of an installed pack, with the site's current translations."

    def add_arguments(self, parser):
        parser.add_argument("pack_id")
        parser.add_argument("language", help="a translation language of the pack, e.g. ur")
        parser.add_argument("out", help="the PO file to write")
        parser.add_argument("--site", help="the site's host name, when the pack is installed on several")

    def handle(self, *args, pack_id, language, out, site, **options):
        record = installed_pack(pack_id, site)
        try:
            text = translations_po(record, language)
        except (ExportError, TranslationsInvalid) as error:
            raise CommandError(str(error)) from None
        Path(out).write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {out}"))
