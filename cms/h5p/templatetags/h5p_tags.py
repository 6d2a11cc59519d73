"""``{% h5p_activity page %}``: the lesson's H5P activity, played in a sandboxed iframe by relay.js."""

from django import template

from cms.core.content_memo import ContentMemo
from cms.h5p.site_views import lesson_activity
from cms.learning.progress import item_key

register = template.Library()

# (pack id, lesson key) -> the activity a lesson page shows, or None. Kept until the content changes (saving
# an activity, its content or a library moves it on: cms.h5p.apps), since every lesson view asks. Launching
# the activity reads it afresh (cms.h5p.site_views). Shared by the process's threads: read only.
_SHOWN_ACTIVITIES = ContentMemo(maxsize=4096)


@register.inclusion_tag("rahnuma_h5p/activity.html")
def h5p_activity(lesson):
    lesson_id = item_key(lesson)
    activity = _SHOWN_ACTIVITIES.get((lesson_id.pack_id, lesson_id.key), lambda: lesson_activity(lesson))
    return {"lesson": lesson, "activity": activity}
