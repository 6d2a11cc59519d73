"""Which packs are installed in which site, and the record of every installation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class InstalledPack(models.Model):
    """The version of a pack a site runs now, and what it contains (to plan the next upgrade)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="installed_packs")
    pack_id = models.CharField(max_length=100)
    version = models.CharField(max_length=64)
    title = models.CharField(max_length=255)
    publisher = models.CharField(max_length=80)
    licence = models.CharField(max_length=255)
    engine = models.CharField(max_length=100, help_text="The engine versions the pack works with.")
    languages = models.JSONField(default=list)
    plugin_label = models.CharField(max_length=100, blank=True, help_text="The plugin that shipped it, if any.")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the pack's files.")
    source = models.CharField(max_length=1000, help_text="Where the pack was installed from.")
    installed_at = models.DateTimeField(auto_now=True)
    installed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    report = models.TextField(blank=True, help_text="Validation warnings at install time.")
    contents = models.JSONField(default=dict, help_text="Fingerprints of the installed units and translations.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "pack_id"], name="one_install_per_site_and_pack")]
        ordering = ["site", "pack_id"]

    def __str__(self):
        return f"{self.pack_id} {self.version} on {self.site}"

    @property
    def unit_keys(self) -> set[str]:
        """The keys of the items this version contains (an upgrade unpublishes, but keeps, removed ones)."""
        return set(self.contents.get("units", {}))


class PackInstallation(models.Model):
    """One install, upgrade or no-op re-install: who, when, which version, from where, and what it did."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="pack_installations")
    pack_id = models.CharField(max_length=100, db_index=True)
    action = models.CharField(max_length=20)  # install, upgrade, downgrade, reinstall: see course_packs.plan
    from_version = models.CharField(max_length=64, blank=True)
    version = models.CharField(max_length=64)
    publisher = models.CharField(max_length=80)
    digest = models.CharField(max_length=64)
    source = models.CharField(max_length=1000)
    installed_at = models.DateTimeField(auto_now_add=True)
    installed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    report = models.TextField(blank=True, help_text=_("Validation warnings."))
    plan = models.JSONField(default=dict, help_text=_("What changed, per item and per language."))

    class Meta:
        ordering = ["-installed_at", "-pk"]

    def __str__(self):
        return f"{self.action} {self.pack_id} {self.version} on {self.site}"
