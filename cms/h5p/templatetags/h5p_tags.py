"""``{% h5p_activity page %}``: the lesson's H5P activity, played in a sandboxed iframe by relay.js."""

from django import template

from cms.h5p.site_views import lesson_activity

register = template.Library()


@register.inclusion_tag("rahnuma_h5p/activity.html")
def h5p_activity(lesson):
    return {"lesson": lesson, "activity": lesson_activity(lesson)}
