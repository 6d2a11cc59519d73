"""The lessons the JSON quiz endpoint answers for, kept by each process between content changes.

Answering needs the lesson's language, its place in the page tree, its view restrictions and its
quiz. Reading them means a page query through three tables, the restrictions (Wagtail's, through
cms.core.view_restrictions) and building the lesson's StreamField: more than grading and recording
the answer. They change only when content is
published, unpublished, moved or restricted, and each of those raises the page cache's content
generation, so a process keeps what it read until then (cms.core.content_memo). The entries are
shared by the process's threads and only read: nothing may change them.
"""

from dataclasses import dataclass

from wagtail.models import PageViewRestriction, Site

from cms.core.content_memo import ContentMemo
from cms.learning.grading import Quiz
from cms.learning.models import LessonPage
from cms.learning.progress import lesson_quiz

# The lessons being answered at any time; each entry holds a lesson page with its body, so not all.
LESSONS = ContentMemo(maxsize=256)


@dataclass(frozen=True)
class QuizLesson:
    page: LessonPage
    quiz: Quiz
    restrictions: tuple[PageViewRestriction, ...]

    def shown_to(self, request, language: str, site: Site | None) -> bool:
        """Whether Wagtail would serve the lesson to ``request``: in ``language``, on ``site``, not restricted."""
        return (
            self.page.locale.language_code == language
            and _on_site(self.page, site)
            and all(restriction.accept_request(request) for restriction in self.restrictions)
        )


def quiz_lesson(lesson_id: int) -> QuizLesson | None:
    """The live lesson ``lesson_id`` with its quiz, or None when there is no such live lesson or it has no quiz."""
    return LESSONS.get((lesson_id,), lambda: _read_quiz_lesson(lesson_id))


def _read_quiz_lesson(lesson_id: int) -> QuizLesson | None:
    page = LessonPage.objects.live().select_related("locale").filter(pk=lesson_id).first()
    quiz = lesson_quiz(page) if page else None
    if quiz is None:
        return None
    return QuizLesson(page, quiz, tuple(page.get_view_restrictions()))


def _on_site(page, site) -> bool:
    """Whether ``page`` is under ``site``'s home page or one of its translations (as Wagtail's page URLs see it)."""
    return site is not None and any(
        root.site_id == site.pk and page.url_path.startswith(root.root_path) for root in Site.get_site_root_paths()
    )
