"""``manage.py forget_idle_learners [--days N]``: delete anonymous learners idle for N days (default 180),
keeping their counts for the reports (cms.learning.forgetting). Prints counts, never who."""

from django.core.management.base import BaseCommand, CommandError

from cms.learning.forgetting import DEFAULT_IDLE_DAYS, forget_idle_learners


class Command(BaseCommand):
    help = (
        "Delete anonymous learners who recorded nothing for N days, with their progress, quiz attempts and "
        "course completions; their counts are kept for the learning reports."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=DEFAULT_IDLE_DAYS, help="Idle for this many days (default 180)."
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError(f"--days must be at least 1, got {days}")
        forgotten = forget_idle_learners(days)
        self.stdout.write(
            f"Deleted {forgotten.learners} anonymous learners idle for {days} days, with "
            f"{forgotten.lessons} finished lessons, {forgotten.attempts} quiz attempts and "
            f"{forgotten.completions} course completions (their counts are kept in the learning reports)."
        )
