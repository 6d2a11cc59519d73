"""Targets staff set for the indicators, e.g. "10,000 people reached in four districts in 2027".

The dashboard (cms.indicators.views) shows each target's progress: the indicator's figure for the
target's period, centre and districts, computed as every other figure (cms.indicators.figures).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.centres.models import District


class Indicator(models.TextChoices):
    REACHED = "reached", _("People reached")
    SESSIONS = "sessions", _("Outreach sessions")
    PARTICIPANTS = "participants", _("Session participants")
    COMPLETIONS = "completions", _("Course completions")
    CONTACTS = "contacts", _("Counselling contacts")
    REFERRALS_COMPLETED = "referrals-completed", _("Referrals completed")
    COMPLAINTS_RESOLVED = "complaints-resolved", _("Complaints resolved")
    AMOUNT_RECOVERED = "amount-recovered", _("Amount recovered (PKR)")


class Target(models.Model):
    indicator = models.CharField(_("indicator"), max_length=30, choices=Indicator.choices)
    value = models.PositiveBigIntegerField(_("target"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    centre = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("centre"),
        help_text=_("Empty: all centres together."),
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="+", verbose_name=_("districts"), help_text=_("Empty: every district.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("E.g. the project or donor."))

    class Meta:
        ordering = ["-ends_on", "indicator"]
        verbose_name = _("indicator target")

    def __str__(self):
        return f"{self.get_indicator_display()}: {self.value} ({self.starts_on} – {self.ends_on})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")})
