"""A counsellor's records: clients, their contacts with the centre, referrals and complaints.

Sensitive by nature, so built to hold as little as the work needs. A Client is known by a
pseudonymous ``code`` the system makes up (never a name, phone number or CNIC) and described only
by the categories the indicators report (sex, age band, district, migration stage, destination).
Only counsellors of the client's centre see these records (cms.counselling.access); every read and
change is written to Wagtail's audit log under the client's code (cms.counselling.audit). Deleting
a client on request deletes everything recorded about them (on_delete=CASCADE); the audit log then
names them only by the code, which no longer leads anywhere.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.centres.demographics import DESTINATIONS, AgeBand, Channel, Sex
from cms.centres.models import District

# Client codes: letters and digits nobody misreads for one another when copying a code onto a file.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11: collisions are rare, and new_client_code retries them
LONGEST_CONTACT_MINUTES = 8 * 60


def new_client_code() -> str:
    """A fresh random code such as "C-7K3Q-9XR4"; random, so it says nothing about the person."""
    while True:
        body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        code = f"C-{body[:4]}-{body[4:]}"
        if not Client.objects.filter(code=code).exists():
            return code


class MigrationStage(models.TextChoices):
    CONSIDERING = "considering", _("Considering migrating")
    PREPARING = "preparing", _("Preparing to go")
    DEPARTED = "departed", _("Departed")
    ABROAD = "abroad", _("Working abroad")
    RETURNED = "returned", _("Returned")


class Client(models.Model):
    code = models.CharField(_("client code"), max_length=16, unique=True, editable=False, default=new_client_code)
    centre = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("centre"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    migration_stage = models.CharField(_("migration stage"), max_length=20, choices=MigrationStage.choices)
    destination = models.CharField(_("destination"), max_length=8, choices=DESTINATIONS, blank=True)
    consents_to_contact = models.BooleanField(_("consents to be contacted"), default=False)
    consents_to_referral_sharing = models.BooleanField(
        _("consents to sharing referral data"),
        default=False,
        help_text=_("The client agrees that the centre tells the organisation it refers them to why."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("client")

    def __str__(self):
        return self.code


class ContactChannel(models.TextChoices):
    WALK_IN = "walk-in", _("Walk-in")
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    OUTREACH = "outreach", _("At an outreach session")

    @property
    def reporting_channel(self) -> Channel:
        """The channel the indicators report it under: met at a changemaker's session, else the centre's own."""
        return Channel.CHANGEMAKER if self is ContactChannel.OUTREACH else Channel.CENTRE


class Topic(models.TextChoices):
    DECIDING = "deciding", _("Whether and how to migrate")
    LEGAL_ROUTES = "legal-routes", _("Legal routes and the Protector's permission")
    AGENTS = "agents", _("Checking a recruiting agent")
    COSTS = "costs", _("Costs and fees")
    CONTRACT = "contract", _("Employment contract")
    DOCUMENTS = "documents", _("Documents, insurance and OPF membership")
    MONEY = "money", _("Money, debt and remittances")
    RIGHTS_ABROAD = "rights-abroad", _("Rights and help abroad")
    COMPLAINT = "complaint", _("Making a complaint")
    RETURN = "return", _("Return and reintegration")
    FAMILY = "family", _("Family services")
    OTHER = "other", _("Other")


def validate_topics(value):
    unknown = [topic for topic in value if topic not in Topic.values] if isinstance(value, list) else [value]
    if unknown:
        raise ValidationError(_("Unknown topics: %(topics)s"), params={"topics": ", ".join(map(str, unknown))})


class CounsellingContact(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=10, choices=ContactChannel.choices)
    topics = models.JSONField(_("topics"), default=list, validators=[validate_topics])
    minutes = models.PositiveSmallIntegerField(
        _("minutes spent"), validators=[MaxValueValidator(LONGEST_CONTACT_MINUTES)]
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("counselling contact")

    def __str__(self):
        return f"{self.client} {self.date} ({self.channel})"

    def topic_labels(self) -> list[str]:
        return [Topic(topic).label for topic in self.topics if topic in Topic.values]


class ReferralStatus(models.TextChoices):
    MADE = "made", _("Made")
    ACCEPTED = "accepted", _("Accepted")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")


class Referral(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        "rahnuma_contacts.Contact",
        null=True,  # a contact removed from the directory leaves the referral in place
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    reason = models.CharField(_("reason"), max_length=255, help_text=_("No names, phone numbers or CNICs."))
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.MADE)
    outcome = models.TextField(_("outcome"), max_length=2000, blank=True)
    made_on = models.DateField(_("referred on"), default=timezone.localdate)
    closed_on = models.DateField(
        _("completed or declined on"), null=True, blank=True, help_text=_("Required once completed or declined.")
    )

    class Meta:
        ordering = ["-made_on", "-pk"]
        verbose_name = _("referral")

    def __str__(self):
        return f"{self.client} → {self.organisation} ({self.status})"

    def clean(self):
        closed = self.status in (ReferralStatus.COMPLETED, ReferralStatus.DECLINED)
        if closed and self.closed_on is None:
            raise ValidationError({"closed_on": _("Give the date the referral was completed or declined.")})
        if not closed and self.closed_on is not None:
            raise ValidationError({"closed_on": _("Only a completed or declined referral has this date.")})
        if self.closed_on and self.made_on and self.closed_on < self.made_on:
            raise ValidationError({"closed_on": _("This date is before the referral was made.")})


class Against(models.TextChoices):
    RECRUITING_AGENT = "agent", _("Recruiting agent (Overseas Employment Promoter)")
    EMPLOYER = "employer", _("Employer")
    SUB_AGENT = "sub-agent", _("Sub-agent")
    OTHER = "other", _("Other")


class IssueType(models.TextChoices):
    FEES_OVERCHARGED = "fees", _("Fees overcharged")
    CONTRACT_SUBSTITUTION = "contract", _("Contract substitution")
    UNPAID_WAGES = "wages", _("Unpaid wages")
    PASSPORT_WITHHELD = "passport", _("Passport withheld")
    FRAUD = "fraud", _("Fraud or visa scam")
    OTHER = "other", _("Other")


class Forum(models.TextChoices):
    PROTECTOR = "protector", _("Protector of Emigrants")
    BEOE = "beoe", _("Bureau of Emigration & Overseas Employment")
    OPF = "opf", _("OPF complaint cell")
    FIA = "fia", _("Federal Investigation Agency")
    LABOUR_ATTACHE = "attache", _("Labour attaché / Community Welfare Attaché")
    COURT = "court", _("Court")
    OTHER = "other", _("Other")


class ComplaintStatus(models.TextChoices):
    LODGED = "lodged", _("Lodged")
    IN_PROGRESS = "in-progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    UNRESOLVED = "unresolved", _("Closed, not resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Complaint(models.Model):
    """A complaint the centre helps a client lodge. Amounts are whole rupees.

    ``status`` is the latest of its ``history`` (ComplaintStatusChange rows, written by
    ``note_status``); ``resolved_on`` is the day it last became resolved, for the indicators.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="complaints")
    against = models.CharField(_("against"), max_length=10, choices=Against.choices)
    issue_type = models.CharField(_("issue"), max_length=10, choices=IssueType.choices)
    amount_claimed_pkr = models.PositiveBigIntegerField(
        _("amount paid or claimed (PKR)"), default=0, help_text=_("Whole rupees; 0 when no money is involved.")
    )
    forum = models.CharField(_("forum"), max_length=10, choices=Forum.choices)
    lodged_on = models.DateField(_("lodged on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.LODGED
    )
    resolved_on = models.DateField(null=True, blank=True, editable=False)
    amount_recovered_pkr = models.PositiveBigIntegerField(_("amount recovered (PKR)"), default=0)

    class Meta:
        ordering = ["-lodged_on", "-pk"]
        verbose_name = _("complaint")

    def __str__(self):
        return f"{self.client}: {self.get_issue_type_display()} ({self.get_status_display()})"

    def clean(self):
        # Money recovered beyond what was paid or claimed is almost always a typing slip; when more
        # really came back (a penalty, say), the claim is corrected first, which keeps both honest.
        if (self.amount_recovered_pkr or 0) > (self.amount_claimed_pkr or 0):
            raise ValidationError(
                {"amount_recovered_pkr": _("The amount recovered cannot be more than the amount paid or claimed.")}
            )

    def note_status(self, user, when=None):
        """Add the current status to the history, and keep ``resolved_on`` in step with it."""
        when = when or timezone.now()
        self.history.create(status=self.status, changed_at=when, changed_by=user)
        resolved_on = timezone.localdate(when) if self.status == ComplaintStatus.RESOLVED else None
        Complaint.objects.filter(pk=self.pk).update(resolved_on=resolved_on)
        self.resolved_on = resolved_on


class ComplaintStatusChange(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=12, choices=ComplaintStatus.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("complaint status change")

    def __str__(self):
        return f"{self.complaint_id}: {self.status} at {self.changed_at:%Y-%m-%d}"
