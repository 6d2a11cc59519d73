"""Finding an installed pack from the command line: by its id, and by host name when several sites have it."""

from django.core.management.base import CommandError

from cms.packs.models import InstalledPack


def installed_pack(pack_id: str, hostname: str | None = None) -> InstalledPack:
    """The install record of ``pack_id``; raise CommandError saying what to pass if it is not one record."""
    records = InstalledPack.objects.filter(pack_id=pack_id).select_related("site")
    if hostname:
        records = records.filter(site__hostname=hostname)
    records = list(records)
    where = f" on {hostname}" if hostname else ""
    if not records:
        raise CommandError(f"{pack_id} is not installed{where}")
    if len(records) > 1:
        hosts = ", ".join(sorted(record.site.hostname for record in records))
        raise CommandError(f"{pack_id} is installed on several sites ({hosts}); choose one with --site")
    return records[0]
