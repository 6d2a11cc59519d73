"""``manage.py setup_site HOST``: make a site with its top pages in every language."""

from django.core.management.base import BaseCommand

from cms.core.site_structure import set_up_site


class Command(BaseCommand):
    help = "Create or complete a site's home, country index, course index and contact directory in every language."

    def add_arguments(self, parser):
        parser.add_argument("hostname")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--default", action="store_true", help="make it the default site")
        parser.add_argument("--name", default="Rahnuma")

    def handle(self, *args, hostname, port, default, name, **options):
        site = set_up_site(hostname, port, default=default, name=name)
        self.stdout.write(self.style.SUCCESS(f"Site {site.hostname}:{site.port} is ready."))
