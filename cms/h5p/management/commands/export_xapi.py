"""``manage.py export_xapi --since DATE [--output FILE]``: stored xAPI 1.0.3 statements as JSON lines."""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.h5p.lrs import export_statements


def _date(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since {value!r} is not a date such as 2026-01-31 or 2026-01-31T08:00") from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = "Write the xAPI statements stored since a date as JSON lines (xAPI 1.0.3)."

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, type=_date, help="A date or date and time (site time zone).")
        parser.add_argument("--output", help="A file to write (default: standard output).")

    def handle(self, *args, since, output=None, **options):
        if output:
            with open(output, "w", encoding="utf-8") as out:
                count = export_statements(since, out)
        else:
            count = export_statements(since, self.stdout)
        sys.stderr.write(f"{count} statements\n")
