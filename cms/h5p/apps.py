from django.apps import AppConfig


class H5PConfig(AppConfig):
    name = "cms.h5p"
    label = "rahnuma_h5p"
    verbose_name = "Rahnuma H5P activities"

    def ready(self):
        from cms.core.page_cache import invalidate_on_change
        from cms.h5p.models import Content, ContentText, LessonActivity, Library

        # Lesson pages show an activity only once its libraries are approved, in the page's language
        # (and {% h5p_activity %} keeps each lesson's activity until one of these changes).
        for model in (Library, Content, LessonActivity, ContentText):
            invalidate_on_change(model)
