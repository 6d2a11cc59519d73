"""Training and country partners who publish course packs, and the packs they submit for approval.

A partner is a Django group tied to one publisher id: its members may upload packs with that
publisher id only, and edit only the pages and contacts of those packs. An upload becomes a
``PackSubmission``, a snippet under a Wagtail workflow: it is installed when an MRC editor
approves (publishes) it, never before.
"""

from django.contrib.auth.models import Group
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, Site, WorkflowMixin


class Partner(models.Model):
    name = models.CharField(max_length=255)
    publisher = models.SlugField(
        max_length=80, unique=True, help_text=_("The publisher id the partner's packs carry in pack.yaml.")
    )
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="partner")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def upload_storage():
    # Uploaded packs are not public files: they live in their own storage, outside MEDIA_ROOT.
    return storages["pack_uploads"]


class PackSubmission(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A pack a partner uploaded, with its validation report and plan, waiting for approval."""

    class Outcome(models.TextChoices):
        WAITING = "waiting", _("Waiting for approval")
        INSTALLED = "installed", _("Installed")
        FAILED = "failed", _("Approved, but could not be installed")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    archive = models.FileField(
        _("pack zip"), upload_to="pack-submissions/%Y/%m/", storage=upload_storage, max_length=255
    )
    publisher = models.CharField(max_length=80, editable=False)
    pack_id = models.CharField(max_length=100, editable=False)
    version = models.CharField(max_length=64, editable=False)
    report = models.TextField(_("validation report"), blank=True, editable=False)
    plan = models.TextField(_("what installing it will do"), blank=True, editable=False)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.WAITING, editable=False)
    outcome_detail = models.TextField(blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("pack submission")

    def __str__(self):
        return f"{self.pack_id} {self.version}" if self.pack_id else str(_("pack submission"))

    def publish(self, revision, user=None, **kwargs):
        """Approval publishes the submission; that is the moment its pack is installed."""
        from cms.partners.submissions import install_submission

        result = super().publish(revision, user=user, **kwargs)
        install_submission(self, user)
        return result
