"""``manage.py read_aloud [--force]``: make the read-aloud audio of every live guide section and lesson
that has none or whose text changed (for cron, and after bulk pack installs); ``--force`` makes it
all again. Pages with an editor's recording are left alone. Prints how many pages had each outcome."""

from collections import Counter

from django.core.management.base import BaseCommand

from cms.readaloud.generation import Outcome, generate_audio, read_aloud_pages


class Command(BaseCommand):
    help = "Generate missing or out-of-date read-aloud audio for every live guide section and lesson."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Generate again even where the text is unchanged.")

    def handle(self, *args, force, **options):
        outcomes = Counter(generate_audio(page, force=force) for page in read_aloud_pages().specific())
        self.stdout.write(", ".join(f"{outcome.value}: {outcomes[outcome]}" for outcome in Outcome))
        if outcomes[Outcome.FAILED]:
            self.stderr.write(f"{outcomes[Outcome.FAILED]} pages failed; the log says why.")
