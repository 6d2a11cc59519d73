"""``manage.py demo_setup``: the demo site with every installed plugin enabled, and an admin login.

Safe to run again: existing content and logins are kept.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cms.core.site_structure import set_up_site
from cms.plugins.models import PluginActivation
from cms.plugins.registry import installed_plugins
from cms.plugins.services import enable_plugin

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Set up the demo site on localhost with the installed plugins enabled."

    def handle(self, *args, **options):
        site = set_up_site("localhost", 80, default=True)
        for plugin in installed_plugins():
            if PluginActivation.objects.filter(site=site, plugin_label=plugin.label).exists():
                continue  # the operator has decided about this plugin already; keep their choice
            for line in enable_plugin(plugin, site):
                self.stdout.write(line)
            self.stdout.write(f"enabled {plugin.label} on {site.hostname}")
        self.create_admin()

    def create_admin(self):
        users = get_user_model()
        if users.objects.filter(username=ADMIN_USERNAME).exists():
            self.stdout.write(
                f"Admin login '{ADMIN_USERNAME}' already exists (its password was printed when it was made)."
            )
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(ADMIN_USERNAME, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Admin login: {ADMIN_USERNAME} / {password}  (shown only this once)"))
