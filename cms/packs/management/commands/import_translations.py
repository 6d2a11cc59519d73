"""``manage.py import_translations PACK_ID PO_FILE --user NAME``: put a translator's PO file into the site."""

import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.packs.exporter import ExportError
from cms.packs.management.installed import installed_pack
from cms.packs.translation_files import MAX_PO_BYTES, TranslationsInvalid, import_translations

_LANGUAGE_HEADER = re.compile(r'^"Language:\s*([^\\"]+?)\s*\\n"', re.MULTILINE)


class Command(BaseCommand):
    help = (
        "Check a PO file of an installed pack and update the site's translations from it, all or nothing; "
        "translated pages are republished."
    )

    def add_arguments(self, parser):
        parser.add_argument("pack_id")
        parser.add_argument("po_file")
        parser.add_argument("--language", help="the file's language (default: its Language header)")
        parser.add_argument("--user", required=True, help="the user name recorded as the translator")
        parser.add_argument("--site", help="the site's host name, when the pack is installed on several")

    def handle(self, *args, pack_id, po_file, language, user, site, **options):
        record = installed_pack(pack_id, site)
        translator = get_user_model().objects.filter(username=user).first()
        if translator is None:
            raise CommandError(f"no user is called {user!r}")
        path = Path(po_file)
        if not path.is_file() or path.stat().st_size > MAX_PO_BYTES:
            raise CommandError(f"{po_file}: not a file of at most {MAX_PO_BYTES} bytes")
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(f"{po_file}: not UTF-8 text (byte {error.start})") from None
        header = _LANGUAGE_HEADER.search(text)
        language = language or (header[1].replace("_", "-").lower() if header else None)
        if not language:
            raise CommandError(f"{po_file} has no Language header; give the language with --language")
        try:
            result = import_translations(record, language, text, user=translator, file_name=path.name)
        except (ExportError, TranslationsInvalid) as error:
            raise CommandError(f"nothing was imported:\n{error}") from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
