"""``manage.py install_pack PATH --site HOST``: validate a pack and install or upgrade it in a site."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from cms.packs.importer import PackInstallError, install_pack
from course_packs import PackInvalid


class Command(BaseCommand):
    help = (
        "Install or upgrade a course pack (a folder or a .zip) in a site, all or nothing. "
        "Installing the installed version again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--site", required=True, help="the site's host name, e.g. localhost")
        parser.add_argument("--dry-run", action="store_true", help="print what would change and write nothing")
        parser.add_argument("--force", action="store_true", help="allow a downgrade, or changed content at one version")

    def handle(self, *args, path, site, dry_run, force, **options):
        found = Site.objects.filter(hostname=site).order_by("port").first()
        if found is None:
            raise CommandError(f"no site has the host name {site!r}")
        try:
            result = install_pack(path, found, force=force, dry_run=dry_run)
        except PackInvalid as invalid:
            raise CommandError(f"the pack is invalid; nothing was installed:\n{invalid}") from None
        except PackInstallError as error:
            raise CommandError(f"{error}; nothing was installed") from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        if dry_run:
            self.stdout.write("\n".join(result.plan.lines()))
        self.stdout.write(self.style.SUCCESS(result.summary()))
