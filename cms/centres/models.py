"""The people who work for a centre, and the districts its work is reported by.

A centre is a Wagtail Site: one installation serves several district centres, each with its own
host name. Staff hold roles per centre (``CentreStaff``), so a counsellor in Lahore is not a
counsellor in Mirpur; cms.centres.access turns these rows into querysets a user may see.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class Role(models.TextChoices):
    CHANGEMAKER = "changemaker", _("Community changemaker")
    MENTOR = "mentor", _("Mentor of changemakers")
    COUNSELLOR = "counsellor", _("Counsellor")
    MANAGER = "manager", _("Centre manager (indicators and targets)")


class CentreStaff(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="centre_roles")
    centre = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentored_roles",
        help_text=_("For a changemaker: the mentor who follows their work."),
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "centre", "role"], name="one_role_per_centre")]
        ordering = ["centre__site_name", "role", "user__username"]
        verbose_name = _("centre staff role")

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.centre.site_name or self.centre.hostname}"


class District(models.Model):
    """A district of Pakistan; figures are reported by district, so the list is shared and editable."""

    name = models.CharField(max_length=80)
    province = models.CharField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "province"], name="unique_district")]
        ordering = ["province", "name"]

    def __str__(self):
        return self.name
