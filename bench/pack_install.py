"""Timing a pack install and upgrade in a fresh SQLite database, with SQL query counts.

The steps, each timed and counted: install version 1.0.0 of the generated pack (bench/generate_pack.py),
a dry run of the upgrade to 1.1.0, and the upgrade itself. Figures are printed with the goals
(install under 20 s, upgrade under 5 s); nothing is asserted, since timings depend on the machine.
Next to wall-clock seconds the table shows the process's CPU seconds, which other work on a busy
machine disturbs less.

Django is set up here, not by the caller: the database must be chosen (DATABASE_URL) before the
settings are read, so nothing in this module imports a Django model at import time.
"""

import cProfile
import os
import pstats
import time
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from bench.generate_pack import DEFAULT_LESSONS, generate_pack

INSTALL_GOAL_SECONDS = 20.0
UPGRADE_GOAL_SECONDS = 5.0


@dataclass
class Step:
    """One timed call of install_pack and what it covered."""

    name: str
    pages: int  # pages per language in the pack
    contacts: int
    languages: int
    goal: float | None = None  # seconds, for the steps that have one
    seconds: float | None = None  # wall-clock; None: the step could not run (see note)
    cpu_seconds: float = 0.0  # this process's CPU time: steadier than wall-clock on a busy machine
    queries: int = 0
    note: str = ""  # what install_pack reported, or why the step did not run

    @property
    def queries_per_page(self) -> float:
        """Per page in every language: the install writes each pack page once per language."""
        return self.queries / (self.pages * self.languages)

    @property
    def verdict(self) -> str:
        if self.goal is None or self.seconds is None:
            return "-"
        return "PASS" if self.seconds < self.goal else "MISS"


class QueryCounter:
    """A connection.execute_wrapper that counts the SQL statements run through it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def set_up_django(database: Path) -> None:
    """Point Django at a new SQLite file, set it up and migrate it."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    # Debug mode keeps every SQL statement in memory; time the engine as it runs in production.
    os.environ["DEBUG"] = "0"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


@contextmanager
def measuring(step: Step, profile: cProfile.Profile | None = None):
    """Time the block and count its queries into ``step``, optionally under ``profile``."""
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        if profile:
            profile.enable()
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            step.seconds = time.perf_counter() - started
            step.cpu_seconds = time.process_time() - cpu_started
            if profile:
                profile.disable()
            step.queries = counter.count


def run_benchmark(workdir: Path, lessons: int = DEFAULT_LESSONS, profile: cProfile.Profile | None = None) -> list[Step]:
    """Generate both pack versions in ``workdir``, set up a site there and time the three steps.

    ``profile``, if given, profiles the first install only.
    """
    first = generate_pack(workdir / "pack-1.0.0", lessons)
    second = generate_pack(workdir / "pack-1.1.0", lessons, changed=True)
    set_up_django(workdir / "bench.sqlite3")

    from cms.core.site_structure import set_up_site
    from cms.packs.importer import PackInstallError, install_pack

    site = set_up_site("localhost", 80, default=True)
    version = f"{first.manifest.version} -> {second.manifest.version}"
    install = _step(f"install {first.manifest.version}", first, INSTALL_GOAL_SECONDS)
    dry_run = _step(f"upgrade dry run {version}", second, None)
    upgrade = _step(f"upgrade {version}", second, UPGRADE_GOAL_SECONDS)

    with measuring(install, profile):
        install.note = install_pack(first.root, site).summary()
    # The upgrade may refuse (PackInstallError): report why instead of stopping the benchmark.
    for step, dry in ((dry_run, True), (upgrade, False)):
        try:
            with measuring(step):
                step.note = install_pack(second.root, site, dry_run=dry).summary()
        except PackInstallError as error:
            step.seconds = None
            step.note = f"did not run: {error}"
    return [install, dry_run, upgrade]


def _step(name, pack, goal) -> Step:
    pages = (1 + len(pack.sections) if pack.guide else 0) + len(pack.courses) + len(pack.lessons)
    return Step(name, pages, len(pack.contacts), len(pack.manifest.languages), goal)


def format_table(steps: list[Step]) -> str:
    header = ("step", "pages", "contacts", "languages", "seconds", "cpu s", "queries", "queries/page", "goal", "result")
    rows = [header]
    for step in steps:
        ran = step.seconds is not None
        rows.append(
            (
                step.name,
                str(step.pages),
                str(step.contacts),
                str(step.languages),
                f"{step.seconds:.2f}" if ran else "-",
                f"{step.cpu_seconds:.2f}" if ran else "-",
                str(step.queries) if ran else "-",
                f"{step.queries_per_page:.1f}" if ran else "-",
                f"< {step.goal:g} s" if step.goal else "-",
                step.verdict,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    notes = [f"{step.name}: {step.note}" for step in steps if step.note]
    footnote = "pages: per language; queries/page: queries / (pages x languages); goals are for wall-clock seconds"
    return "\n".join([*lines, "", footnote, *notes])


def format_profile(profile: cProfile.Profile, top: int) -> str:
    """The ``top`` functions by cumulative and by own time."""
    output = StringIO()
    stats = pstats.Stats(profile, stream=output)
    for order in ("cumulative", "tottime"):
        output.write(f"\n== install profile, top {top} by {order} ==\n")
        stats.sort_stats(order).print_stats(top)
    return output.getvalue()
