"""``manage.py install_pack PATH --site HOST``: validate a pack and install it into a site."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from cms.packs.importer import PackInstallError, install_pack
from course_packs import PackInvalid


class Command(BaseCommand):
    help = "Install a course pack folder into a site, all or nothing. Re-running it changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--site", required=True, help="the site's host name, e.g. localhost")

    def handle(self, *args, path, site, **options):
        found = Site.objects.filter(hostname=site).order_by("port").first()
        if found is None:
            raise CommandError(f"no site has the host name {site!r}")
        try:
            result = install_pack(path, found)
        except PackInvalid as invalid:
            raise CommandError(f"the pack is invalid; nothing was installed:\n{invalid}") from None
        except PackInstallError as error:
            raise CommandError(f"{error}; nothing was installed") from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
