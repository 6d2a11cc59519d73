"""``manage.py build_h5p [SOURCES OUTPUT]``: build .h5p packages from activity sources (cms.h5p.build).

Every folder of SOURCES holding an h5p.json becomes OUTPUT/<folder>.h5p. Without arguments it
builds the first-party plugins' activities: each ``plugins/<plugin>/h5p-sources`` into the h5p/
folder of that plugin's pack (``H5P_OUTPUTS``).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.h5p.build import build_package
from course_packs.errors import PackInvalid

# Activity sources of the first-party plugins and the pack folder each builds into.
H5P_OUTPUTS = {
    "plugins/saudi-arabia/h5p-sources": "plugins/saudi-arabia/rahnuma_saudi_arabia/packs/saudi-arabia/h5p",
}


def build_folder(sources: Path, output: Path) -> list[Path]:
    """Build every activity in ``sources`` into ``output``; return the packages written."""
    built = []
    for source in sorted(path for path in sources.iterdir() if (path / "h5p.json").is_file()):
        built.append(build_package(source, output / f"{source.name}.h5p"))
    return built


class Command(BaseCommand):
    help = "Build .h5p packages from activity sources with the project's own H5P libraries."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="?", help="A folder of activity folders.")
        parser.add_argument("output", nargs="?", help="Where to write the .h5p files.")

    def handle(self, *args, sources=None, output=None, **options):
        if bool(sources) != bool(output):
            raise CommandError("give both SOURCES and OUTPUT, or neither")
        pairs = {sources: output} if sources else H5P_OUTPUTS
        for source, target in pairs.items():
            try:
                built = build_folder(Path(settings.BASE_DIR, source), Path(settings.BASE_DIR, target))
            except PackInvalid as invalid:
                raise CommandError(f"{source}: {invalid}") from None
            for path in built:
                self.stdout.write(f"built {path} ({path.stat().st_size} bytes)")
