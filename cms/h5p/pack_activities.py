"""A course pack's H5P activities, installed with the pack (called by cms.packs.importer).

Each lesson whose front matter names ``h5p: {file: h5p/NAME.h5p, required, pass_mark}`` gets a
LessonActivity, keyed like learners' records by pack id and lesson key; its package is stored and
updated in place by its file name (cms.h5p.storage). Lessons that no longer name an activity lose
it. A pack the operator installs (a plugin's, or by command) is trusted, so its libraries count
as approved; a partner's uploaded pack (install_pack's ``publisher``) leaves new libraries for staff
to approve, and its activities stay drafts until then.
"""

from django.utils import timezone

from cms.h5p.models import LessonActivity, Library
from cms.h5p.storage import store_package


def final_lessons(pack) -> set[str]:
    """The key of each course's last lesson: its final assessment."""
    return {course.meta.lessons[-1] for course in pack.courses.values()}


def install_lesson_activities(pack, *, trusted: bool, user=None) -> list[LessonActivity]:
    pack_id = pack.manifest.id
    finals = final_lessons(pack)
    installed = []
    for lesson in pack.lessons.values():
        activity = lesson.meta.h5p
        if activity is None:
            continue
        content = store_package(pack.root / activity.file, user=user, pack_id=pack_id, key=activity.file)
        if trusted:
            Library.objects.filter(contents=content, approved_at=None).update(approved_at=timezone.now())
        record = LessonActivity(
            pack_id=pack_id,
            lesson_key=lesson.key,
            content=content,
            required=activity.required,
            pass_mark=activity.pass_mark,
            final_assessment=lesson.key in finals,
            lesson_has_quiz=lesson.meta.quiz is not None,
        )
        record.pk = (
            LessonActivity.objects.filter(pack_id=pack_id, lesson_key=lesson.key).values_list("pk", flat=True).first()
        )
        # Only the final-assessment rule (LessonActivity.clean): the row is found by its unique key above,
        # and an upgrade's row, saved by primary key, would be taken for a second one by the constraint check.
        record.full_clean(validate_unique=False, validate_constraints=False)
        record.save()
        installed.append(record)
    LessonActivity.objects.filter(pack_id=pack_id).exclude(pk__in=[record.pk for record in installed]).delete()
    return installed
