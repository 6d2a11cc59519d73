"""What every server process would otherwise do on its first requests, done once before the workers fork.

gunicorn imports the site in its master process (``preload_app``, cms/gunicorn.conf.py) and forks
the workers from it, so what the master has built, every worker has without building it, in memory
they share. Django builds much lazily instead: the URL patterns (importing every view module, the
admin's and Wagtail's among them), the resolver's tables for each language, the translation
catalogues and the compiled templates; search reads its lexicon files. Left to the first requests,
a new worker (and each one replaced after ``max_requests``) spent most of a second on them while its
visitors waited, and kept a copy of its own. Nothing here touches the database.
"""

import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import loader
from django.urls import get_resolver
from django.utils import translation

from cms.plugins.registry import installed_plugins
from search.lexicon import kept_shipped_entries


def warm_up() -> None:
    resolver = get_resolver()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):  # loads the language's catalogue
            resolver.reverse_dict  # noqa: B018 - reading it builds the language's tables, importing every URLconf
    for name in project_templates():
        loader.get_template(name)  # compiled and kept by the cached loader (for the web theme: the default)
    kept_shipped_entries()


def project_templates() -> list[str]:
    """The names of the templates of Rahnuma's own apps and plugins (not Django's, Wagtail's or the admin's)."""
    plugins = {plugin.label for plugin in installed_plugins()}
    folders = [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if config.label in plugins or _in_the_project(Path(config.path))
    ]
    return sorted(
        {str(path.relative_to(folder)) for folder in folders if folder.is_dir() for path in folder.rglob("*.html")}
    )


def _in_the_project(path: Path) -> bool:
    # The virtual environment may be inside the project's folder: its packages are not the project's.
    return path.is_relative_to(settings.BASE_DIR) and not path.is_relative_to(sys.prefix)
