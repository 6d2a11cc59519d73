"""Template tags for the site header on shared screens: is there a learner to clear, is this a kiosk."""

from django import template

from cms.learning.kiosk import KioskTimings
from cms.learning.kiosk import kiosk_timings as timings_for_request
from cms.learning.learners import current_learner

register = template.Library()


@register.simple_tag(takes_context=True)
def learner_present(context) -> bool:
    """Whether this browser's session has a learner, whose turn "Finish and clear" would end."""
    request = context.get("request")
    return request is not None and current_learner(request) is not None


@register.simple_tag(takes_context=True)
def kiosk_timings(context) -> KioskTimings | None:
    """The idle timings when the page is shown on a kiosk host (cms.learning.kiosk), else None."""
    request = context.get("request")
    return timings_for_request(request) if request is not None else None
