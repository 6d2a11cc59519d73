"""Which packs are installed in which site, and the record of each installation."""

from django.conf import settings
from django.db import models
from wagtail.models import Site


class InstalledPack(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="installed_packs")
    pack_id = models.CharField(max_length=100)
    version = models.CharField(max_length=64)
    title = models.CharField(max_length=255)
    publisher = models.CharField(max_length=80)
    languages = models.JSONField(default=list)
    plugin_label = models.CharField(max_length=100, blank=True, help_text="The plugin that shipped it, if any.")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the pack's files.")
    source = models.CharField(max_length=1000, help_text="Where the pack was installed from.")
    installed_at = models.DateTimeField(auto_now_add=True)
    installed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    report = models.TextField(blank=True, help_text="Validation warnings at install time.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "pack_id"], name="one_install_per_site_and_pack")]
        ordering = ["site", "pack_id"]

    def __str__(self):
        return f"{self.pack_id} {self.version} on {self.site}"
