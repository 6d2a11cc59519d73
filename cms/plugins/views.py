"""The admin page that lists plugins, their packs and their state on each site."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from cms.packs.importer import PackInstallError
from cms.packs.models import InstalledPack
from cms.plugins.models import PluginActivation
from cms.plugins.registry import UnknownPlugin, get_plugin, installed_plugins
from cms.plugins.services import disable_plugin, enable_plugin
from course_packs import PackInvalid


class PluginListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "rahnuma_plugins/plugin_list.html"
    page_title = "Plugins"
    header_icon = "resubmit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        states = {(a.site_id, a.plugin_label): a.enabled for a in PluginActivation.objects.all()}
        packs = {}
        for record in InstalledPack.objects.select_related("site"):
            packs.setdefault((record.site_id, record.plugin_label), []).append(record)
        sites = list(Site.objects.order_by("hostname", "port"))
        context["plugins"] = [
            {
                "plugin": plugin,
                "pack_names": [path.name for path in plugin.pack_paths],
                "sites": [
                    {
                        "site": site,
                        "enabled": states.get((site.pk, plugin.label), False),
                        "packs": packs.get((site.pk, plugin.label), []),
                    }
                    for site in sites
                ],
            }
            for plugin in installed_plugins()
        ]
        context["can_change"] = self.request.user.is_superuser
        return context

    def post(self, request):
        # Installing packs changes every site's content: only superusers may switch plugins.
        if not request.user.is_superuser:
            raise PermissionDenied
        try:
            plugin = get_plugin(request.POST.get("plugin", ""))
            site = Site.objects.get(pk=request.POST.get("site"))
        except (UnknownPlugin, Site.DoesNotExist, ValueError):
            messages.error(request, "Unknown plugin or site.")
            return redirect("rahnuma_plugins:index")
        try:
            if request.POST.get("action") == "enable":
                enable_plugin(plugin, site, user=request.user)
                messages.success(request, f"{plugin.name} is enabled on {site.hostname}.")
            else:
                count = disable_plugin(plugin, site, user=request.user)
                messages.success(request, f"{plugin.name} is disabled on {site.hostname}; {count} pages unpublished.")
        except (PackInvalid, PackInstallError) as error:
            messages.error(request, f"{plugin.name} could not be enabled: {error}")
        return redirect("rahnuma_plugins:index")
