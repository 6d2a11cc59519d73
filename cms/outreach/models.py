"""Outreach by community changemakers: the sessions they hold, who came, and what people learnt.

OutreachSession is one village (or school, or mosque) information session, recorded on the
changemaker's phone (cms.outreach.field_views). Its ``public_id`` is made in the browser, so a
session saved offline and sent twice is stored once. Attendance is counted by sex and age band
(SessionAttendance), never by name. Each session prints referral slips whose QR code carries its
``slip_code``; a scan at home or at a kiosk is a SlipScan, one per learner and session: the people
"reached through this session" who came on to the site (cms.outreach.slips).

Before/after checks (cms.outreach.checks) run a lesson's quiz twice: on a shared phone, each
participant's answers are a CheckAttempt; on paper, the changemaker enters per question how many
answered and how many were right (PaperTally). Mentors record their visits (MentoringVisit).
The indicators (cms.indicators) read these models by the field names above; keep them.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from cms.centres.demographics import AgeBand, Sex
from cms.centres.models import District

# Referral slip codes: letters and digits that cannot be misread for one another when typed.
SLIP_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SLIP_CODE_LENGTH = 10  # 31**10 ≈ 8e14 codes: with guesses throttled, unguessable
MAX_ATTENDANCE = 1000  # per sex and age band: far above any session, below any typing slip like 20000


def new_slip_code() -> str:
    return "".join(secrets.choice(SLIP_ALPHABET) for _ in range(SLIP_CODE_LENGTH))


class VenueType(models.TextChoices):
    VILLAGE_MEETING = "village", _("Village meeting")
    SCHOOL = "school", _("School or college")
    VOCATIONAL = "vocational", _("Vocational institute")
    COMMUNITY_HALL = "community-hall", _("Mosque or community hall")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    BEFORE = "before", _("Before the session")
    AFTER = "after", _("After the session")


class OutreachSession(models.Model):
    # Made by the browser that recorded the session (the default serves sessions made on the server).
    public_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    slip_code = models.CharField(max_length=16, unique=True, default=new_slip_code, editable=False)
    centre = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    changemaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="outreach_sessions"
    )
    held_on = models.DateField(_("date"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    tehsil = models.CharField(_("tehsil"), max_length=80)
    venue_type = models.CharField(_("venue type"), max_length=20, choices=VenueType.choices)
    partner_institution = models.CharField(_("partner institution"), max_length=160, blank=True)
    topics = models.ManyToManyField(Page, blank=True, related_name="+", verbose_name=_("topics"))
    materials = models.TextField(_("materials handed out"), max_length=1000, blank=True)
    follow_up = models.TextField(_("follow-up requests"), max_length=1000, blank=True)
    check_lesson = models.ForeignKey(
        "rahnuma_learning.LessonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("before/after check"),
        help_text=_("The lesson whose quiz participants take before and after the session."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("outreach session")
        indexes = [models.Index(fields=["centre", "held_on"], name="outreach_by_centre_date")]

    def __str__(self):
        return f"{self.held_on} {self.district} ({self.tehsil})"

    @property
    def participants(self) -> int:
        return sum(row.count for row in self.attendance.all())


class SessionAttendance(models.Model):
    session = models.ForeignKey(OutreachSession, on_delete=models.CASCADE, related_name="attendance")
    sex = models.CharField(max_length=10, choices=Sex.choices)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    count = models.PositiveIntegerField(validators=[MaxValueValidator(MAX_ATTENDANCE)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "sex", "age_band"], name="one_count_per_group"),
        ]
        verbose_name = _("attendance count")

    def __str__(self):
        return f"{self.session}: {self.sex} {self.age_band} × {self.count}"


class SlipScan(models.Model):
    """Someone who opened a session's referral slip: counted once per learner, nothing personal kept."""

    session = models.ForeignKey(OutreachSession, on_delete=models.CASCADE, related_name="scans")
    learner = models.ForeignKey(
        "rahnuma_learning.Learner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    scanned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "learner"], name="one_scan_per_learner")]
        verbose_name = _("referral slip scan")

    def __str__(self):
        return f"scan of {self.session} at {self.scanned_at:%Y-%m-%d}"


class CheckAttempt(models.Model):
    """One participant's answers to the session's check, taken on the shared phone.

    ``answers`` are as cms.learning.grading reads them; they are graded when reported, against the
    quiz as it is then. ``token`` is the form's random nonce: a form sent twice is recorded once.
    """

    session = models.ForeignKey(OutreachSession, on_delete=models.CASCADE, related_name="check_attempts")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    answers = models.JSONField()
    token = models.CharField(max_length=64, unique=True, editable=False)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("check attempt")

    def __str__(self):
        return f"{self.session}: {self.phase} attempt"


class PaperTally(models.Model):
    """A paper check, entered afterwards: for one question and phase, how many answered and how many were right."""

    session = models.ForeignKey(OutreachSession, on_delete=models.CASCADE, related_name="paper_tallies")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    question_key = models.CharField(max_length=80)
    answered = models.PositiveIntegerField(validators=[MaxValueValidator(MAX_ATTENDANCE)])
    correct = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "phase", "question_key"], name="one_tally_per_question"),
            models.CheckConstraint(condition=Q(correct__lte=F("answered")), name="correct_within_answered"),
        ]
        verbose_name = _("paper check tally")

    def __str__(self):
        return f"{self.session}: {self.phase} {self.question_key} {self.correct}/{self.answered}"


class MentoringVisit(models.Model):
    centre = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentoring_visits")
    changemaker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    visited_on = models.DateField(_("date of the visit"))
    session = models.ForeignKey(
        OutreachSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentoring_visits"
    )
    notes = models.TextField(_("notes"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-visited_on", "-created_at"]
        verbose_name = _("mentoring visit")

    def __str__(self):
        return f"{self.mentor} → {self.changemaker} on {self.visited_on}"
