"""A static-files finder that serves the Nastaliq subset (themes.fonts), building it when it is missing or stale.

So ``collectstatic`` (``make serve``, the benchmarks, a deployment) and the development server both get a
subset made from the content that is installed: the interface catalogues, the templates and the packs of
every installed app in this project or plugin. The build takes about half a minute and is kept in
``var/fonts/`` with a digest of its inputs, so it runs again only when they change.
"""

import sys
from functools import cached_property
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

from themes import fonts


class NastaliqSubsetFinder(BaseFinder):
    def __init__(self, app_names=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.build_root = fonts.BUILD_ROOT

    def check(self, **kwargs):
        if not fonts.SOURCE_FONT.exists():
            return [Error(f"{fonts.SOURCE_FONT} is missing: run `make install` (npm ci)", id="themes.E001")]
        return []

    @cached_property
    def _built(self) -> Path:
        """The subset, made (once per process) from the installed content if it is not up to date."""
        output = self.build_root / fonts.STATIC_NAME
        return fonts.ensure_subset(output, fonts.SOURCE_FONT, fonts.text_files(_content_folders()))

    def find(self, path, find_all=False, **kwargs):
        if path != fonts.STATIC_NAME:
            return [] if find_all else None
        found = str(self._built)
        return [found] if find_all else found

    def list(self, ignore_patterns):
        self._built  # noqa: B018  (built before collectstatic copies it)
        yield fonts.STATIC_NAME, FileSystemStorage(location=self.build_root)


def _content_folders() -> list[Path]:
    """The interface catalogues and every installed app of this project or of a Rahnuma plugin."""
    from cms.plugins.base import RahnumaPlugin

    base = Path(settings.BASE_DIR)
    folders = [Path(folder) for folder in settings.LOCALE_PATHS]
    for config in apps.get_app_configs():
        path = Path(config.path)
        ours = path.is_relative_to(base) and not path.is_relative_to(sys.prefix)  # not the virtualenv's apps
        if isinstance(config, RahnumaPlugin) or ours:
            folders.append(path)
    return folders
