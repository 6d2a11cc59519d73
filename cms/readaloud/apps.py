from django.apps import AppConfig


class ReadAloudConfig(AppConfig):
    name = "cms.readaloud"
    label = "rahnuma_readaloud"
    verbose_name = "Rahnuma read aloud"

    def ready(self):
        from cms.core.page_cache import invalidate_on_change
        from cms.readaloud import signals
        from cms.readaloud.models import GeneratedAudio, Recording

        # Pages show the audio's address: a new or removed recording or generated file must reach them at once.
        for model in (GeneratedAudio, Recording):
            invalidate_on_change(model)
        signals.connect()
