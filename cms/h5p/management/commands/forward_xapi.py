"""``manage.py forward_xapi``: send waiting xAPI statements to the external Learning Record Store (cms.h5p.lrs)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.h5p.lrs import forward_outbox


class Command(BaseCommand):
    help = "Forward waiting xAPI statements to H5P_LRS_URL; failures are retried on a later run."

    def handle(self, *args, **options):
        if not settings.H5P_LRS_URL:
            raise CommandError("H5P_LRS_URL is not set: there is no Learning Record Store to forward to")
        sent, failed = forward_outbox()
        self.stdout.write(f"sent {sent}, waiting to retry {failed}")
