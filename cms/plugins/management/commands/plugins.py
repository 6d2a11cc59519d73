"""``manage.py plugins list|enable|disable|purge``: plugin state per site."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from cms.plugins.models import PluginActivation
from cms.plugins.registry import UnknownPlugin, get_plugin, installed_plugins
from cms.plugins.services import disable_plugin, enable_plugin, purge_plugin


class Command(BaseCommand):
    help = "List plugins, or enable, disable or purge one on a site."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="every installed plugin and its state on each site")
        for action, text in (
            ("enable", "install the plugin's packs into the site and publish them"),
            ("disable", "unpublish the plugin's content on the site (progress is kept)"),
            ("purge", "delete the plugin's content from the site (run before pip uninstall)"),
        ):
            sub = actions.add_parser(action, help=text)
            sub.add_argument("plugin", help="label or plugin id")
            sub.add_argument("--site", required=True, help="the site's host name, e.g. localhost")

    def handle(self, *args, action, **options):
        if action == "list":
            return self.list_plugins()
        try:
            plugin = get_plugin(options["plugin"])
        except UnknownPlugin as error:
            raise CommandError(str(error)) from None
        site = self.find_site(options["site"])
        if action == "enable":
            for line in enable_plugin(plugin, site):
                self.stdout.write(line)
            self.stdout.write(self.style.SUCCESS(f"{plugin.label} enabled on {site.hostname}"))
        elif action == "disable":
            count = disable_plugin(plugin, site)
            self.stdout.write(
                self.style.SUCCESS(f"{plugin.label} disabled on {site.hostname}; {count} pages unpublished")
            )
        else:
            count = purge_plugin(plugin, site)
            self.stdout.write(self.style.SUCCESS(f"{plugin.label} purged from {site.hostname}; {count} pages deleted"))

    def find_site(self, hostname):
        site = Site.objects.filter(hostname=hostname).order_by("port").first()
        if site is None:
            known = ", ".join(Site.objects.values_list("hostname", flat=True)) or "none"
            raise CommandError(f"no site has the host name {hostname!r} (sites: {known})")
        return site

    def list_plugins(self):
        plugins = installed_plugins()
        if not plugins:
            self.stdout.write("No plugins installed.")
            return
        states = {(a.site_id, a.plugin_label): a.enabled for a in PluginActivation.objects.all()}
        sites = list(Site.objects.order_by("hostname", "port"))
        for plugin in plugins:
            self.stdout.write(
                f"{plugin.label}  {plugin.plugin_id} {plugin.version}  [{plugin.kind}]  "
                f"{plugin.name} by {plugin.publisher}"
            )
            for site in sites:
                state = "enabled" if states.get((site.pk, plugin.label)) else "disabled"
                self.stdout.write(f"    {site.hostname}:{site.port}  {state}")
