"""``manage.py add_partner NAME PUBLISHER``: a partner group whose users may upload that publisher's packs."""

from django.core.management.base import BaseCommand

from cms.partners.setup import create_partner


class Command(BaseCommand):
    help = "Create (or rename) a partner and its group. Add the partner's users to the group in the admin."

    def add_arguments(self, parser):
        parser.add_argument("name", help="e.g. 'Punjab Skills Bridge'")
        parser.add_argument("publisher", help="the publisher id in the partner's pack.yaml files")

    def handle(self, *args, name, publisher, **options):
        partner = create_partner(name, publisher)
        self.stdout.write(
            f"Partner {partner.name} publishes as {partner.publisher}; its group is {partner.group.name!r}."
        )
