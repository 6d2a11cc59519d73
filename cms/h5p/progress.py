"""Which lessons' required H5P activities a learner has passed (read by cms.learning.progress).

A lesson whose pack marks its activity ``required`` is finished only once an attempt at it reached
the pass mark, in any language (attempts name the content, which is the same in every language).
"""

from django.db.models import F

from cms.h5p.models import Attempt, LessonActivity


def unpassed_required_activities(learner, lesson_ids) -> set[tuple[str, str]]:
    """The (pack id, lesson key) pairs among ``lesson_ids`` whose required activity the learner has not passed."""
    wanted = {(pack_id, key) for pack_id, key in lesson_ids}
    required = [
        activity
        for activity in LessonActivity.objects.filter(required=True, lesson_key__in={key for _, key in wanted})
        if (activity.pack_id, activity.lesson_key) in wanted
    ]
    if not required:
        return set()
    passed = set()
    if learner is not None:
        passed = set(
            Attempt.objects.filter(
                learner=learner,
                content__lessons__in=required,
                finished_at__isnull=False,
                score_scaled__gte=F("content__lessons__pass_mark") / 100.0,
            ).values_list("content__lessons__pk", flat=True)
        )
    return {(activity.pack_id, activity.lesson_key) for activity in required if activity.pk not in passed}
