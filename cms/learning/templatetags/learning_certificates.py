"""Template tags for linking a learner to their certificate from the course and its lessons."""

from django import template

from cms.learning.certificates import display_code
from cms.learning.learners import current_learner
from cms.learning.models import Certificate, CoursePage
from cms.learning.progress import course_certificate as certificate_for

register = template.Library()


@register.simple_tag(takes_context=True)
def course_certificate(context, page) -> Certificate | None:
    """This browser's learner's certificate for ``page``'s course (the page itself, or a lesson's parent)."""
    request = context.get("request")
    learner = current_learner(request) if request is not None else None
    if learner is None:  # a reader who recorded nothing: no queries
        return None
    course = page if isinstance(page, CoursePage) else page.get_parent().specific
    return certificate_for(learner, course) if isinstance(course, CoursePage) else None


@register.filter
def code_for_reading(certificate: Certificate) -> str:
    """The certificate's code in groups, as in its links: "CDFG-HJKM-NPQR"."""
    return display_code(certificate)
