"""Per-site plugin state, stored as data so enabling or disabling needs no restart."""

from django.db import models
from wagtail.models import Site


class PluginActivation(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="plugin_activations")
    plugin_label = models.CharField(max_length=100)
    enabled = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "plugin_label"], name="one_state_per_site_and_plugin")]
        ordering = ["site", "plugin_label"]

    def __str__(self):
        return f"{self.plugin_label} on {self.site}: {'enabled' if self.enabled else 'disabled'}"


def is_enabled(plugin_label: str, site: Site | None) -> bool:
    """For plugin code (hooks, views): is this plugin switched on for the request's site?"""
    if site is None:
        return False
    return PluginActivation.objects.filter(site=site, plugin_label=plugin_label, enabled=True).exists()
