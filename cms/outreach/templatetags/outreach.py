"""The field kit's template helpers: the user's roles, and knowledge-gain figures (exact fractions from
cms.outreach.checks) rounded for people."""

from django import template
from django.utils.formats import number_format

from cms.centres.models import CentreStaff, Role

register = template.Library()


@register.filter
def percent(value):
    """A percent to one decimal place; a dash when there were no answers."""
    return "—" if value is None else f"{number_format(round(float(value), 1), 1)}%"


@register.filter
def points(value):
    """A change in percentage points, signed; a dash when one phase has no answers."""
    if value is None:
        return "—"
    rounded = round(float(value), 1)
    return f"{'+' if rounded > 0 else ''}{number_format(rounded, 1)}"


@register.simple_tag(takes_context=True)
def field_roles(context) -> set[str]:
    """The roles the user holds at any centre (every role for a superuser), to show only the links they may open."""
    user = context["request"].user
    if user.is_superuser:
        return set(Role.values)
    return set(CentreStaff.objects.filter(user=user).values_list("role", flat=True))
