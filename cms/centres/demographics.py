"""The categories every centre report is disaggregated by.

Donors ask for the same breakdowns from outreach, counselling and learning records alike, so the
categories live here once: sex, age band (never a date of birth), channel and destination.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Transgender or other")


class AgeBand(models.TextChoices):
    UNDER_18 = "under-18", _("Under 18")
    A18_24 = "18-24", _("18–24")
    A25_34 = "25-34", _("25–34")
    A35_44 = "35-44", _("35–44")
    A45_54 = "45-54", _("45–54")
    A55_PLUS = "55+", _("55 and over")


class Channel(models.TextChoices):
    """How a person was reached: at the centre, at its kiosk, at home, or through a changemaker."""

    CENTRE = "centre", _("Centre")
    KIOSK = "kiosk", _("Kiosk")
    HOME = "home", _("Home")
    CHANGEMAKER = "changemaker", _("Changemaker session")


# The main destinations of Pakistani workers (ISO 3166 alpha-2), with "other" for the rest.
DESTINATIONS = [
    ("SA", _("Saudi Arabia")),
    ("AE", _("United Arab Emirates")),
    ("QA", _("Qatar")),
    ("OM", _("Oman")),
    ("KW", _("Kuwait")),
    ("BH", _("Bahrain")),
    ("MY", _("Malaysia")),
    ("GB", _("United Kingdom")),
    ("IT", _("Italy")),
    ("GR", _("Greece")),
    ("other", _("Another country")),
]
