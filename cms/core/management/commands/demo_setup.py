"""``manage.py demo_setup``: the demo site with every installed plugin enabled, and an admin login.

Beside the web site on ``localhost`` it serves the same pages as the centre's kiosk on the first of
settings.RAHNUMA_KIOSK_HOSTS (``kiosk.localhost``), a second Wagtail Site with the kiosk theme.

Safe to run again: existing content and logins are kept.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from wagtail.models import Site

from cms.core.site_structure import set_up_site
from cms.plugins.models import PluginActivation
from cms.plugins.registry import installed_plugins
from cms.plugins.services import enable_plugin
from themes.models import ThemeSettings

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
        self.set_up_kiosk(site)
        self.create_admin()

    def set_up_kiosk(self, web_site):
        """The web site's pages under a kiosk host name, with the kiosk theme (kept if an editor changed it).

        The host comes from RAHNUMA_KIOSK_HOSTS, so the kiosk's idle countdown runs there (cms.learning.kiosk).
        """
        if not settings.RAHNUMA_KIOSK_HOSTS:
            return
        kiosk, _created = Site.objects.get_or_create(
            hostname=settings.RAHNUMA_KIOSK_HOSTS[0],
            port=web_site.port,
            defaults={"root_page": web_site.root_page, "site_name": "Rahnuma kiosk"},
        )
        ThemeSettings.objects.get_or_create(site=kiosk, defaults={"theme": "kiosk"})
        self.stdout.write(f"kiosk: {kiosk.hostname} shows the pages of {web_site.hostname} in the kiosk theme")

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
