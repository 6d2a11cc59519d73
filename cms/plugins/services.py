"""Enabling, disabling and purging a plugin on a site.

Enabling installs the plugin's packs into the site, upgrades them when the plugin ships a newer
version, and republishes them if they were installed before; disabling unpublishes the plugin's
pages and hides its contacts, keeping everything else (learners' progress included) so enabling
again restores it; purging deletes the content.
"""

from django.db import transaction
from wagtail.models import Page, Site, get_page_models

from cms.contacts.models import Contact
from cms.contacts.signals import contacts_updated
from cms.core.models import PackPage
from cms.packs.importer import install_pack
from cms.packs.models import InstalledPack
from cms.plugins.base import PluginInfo
from cms.plugins.models import PluginActivation


def pack_page_models():
    return [model for model in get_page_models() if issubclass(model, PackPage)]


def plugin_pages(plugin: PluginInfo, site: Site):
    """The plugin's pages in ``site``, in every language, parents before children."""
    pack_ids = list(
        InstalledPack.objects.filter(site=site, plugin_label=plugin.label).values_list("pack_id", flat=True)
    )
    keys = set()
    for model in pack_page_models():
        keys.update(
            model.objects.descendant_of(site.root_page)
            .filter(pack_id__in=pack_ids)
            .values_list("translation_key", flat=True)
        )
    return Page.objects.filter(translation_key__in=keys).order_by("path")


def plugin_contacts(plugin: PluginInfo, site: Site):
    pack_ids = InstalledPack.objects.filter(site=site, plugin_label=plugin.label).values_list("pack_id", flat=True)
    return Contact.objects.filter(site=site, pack_id__in=list(pack_ids))


@transaction.atomic
def enable_plugin(plugin: PluginInfo, site: Site, user=None) -> list[str]:
    """Switch the plugin on for ``site``, installing or upgrading its packs; returns what was done."""
    report = []
    for path in plugin.pack_paths:
        result = install_pack(path, site, user=user, plugin_label=plugin.label)
        if result.written:
            report.append(result.summary())
    installs = InstalledPack.objects.filter(site=site, plugin_label=plugin.label)
    # Items a later pack version dropped stay unpublished.
    current = set().union(*(install.unit_keys for install in installs))
    republished = 0
    # Parents first (the query is ordered by tree path), so each page is published under a live parent.
    for page in plugin_pages(plugin, site).filter(live=False).specific():
        if page.pack_key in current:
            Page.objects.get(pk=page.pk).specific.get_latest_revision().publish(user=user)
            republished += 1
    if republished:
        report.append(f"republished {republished} pages")
    plugin_contacts(plugin, site).filter(pack_key__in=current).update(live=True)
    contacts_updated.send(sender=Contact, contacts=plugin_contacts(plugin, site))
    PluginActivation.objects.update_or_create(site=site, plugin_label=plugin.label, defaults={"enabled": True})
    return report


@transaction.atomic
def disable_plugin(plugin: PluginInfo, site: Site, user=None) -> int:
    """Switch the plugin off for ``site``: unpublish its pages; returns how many were unpublished."""
    pages = list(plugin_pages(plugin, site).filter(live=True).specific())
    # Children first, so no live page is ever left under an unpublished parent.
    for page in reversed(pages):
        page.unpublish(user=user, log_action=True)
    plugin_contacts(plugin, site).update(live=False)
    contacts_updated.send(sender=Contact, contacts=plugin_contacts(plugin, site))
    PluginActivation.objects.update_or_create(site=site, plugin_label=plugin.label, defaults={"enabled": False})
    return len(pages)


@transaction.atomic
def purge_plugin(plugin: PluginInfo, site: Site) -> int:
    """Delete the plugin's content from ``site`` (before ``pip uninstall``); returns pages deleted."""
    pages = list(plugin_pages(plugin, site))
    # Deleting a page deletes its descendants; delete from the top so nothing is deleted twice.
    top = [
        page
        for page in pages
        if not any(other.path != page.path and page.path.startswith(other.path) for other in pages)
    ]
    for page in top:
        Page.objects.get(pk=page.pk).delete()
    plugin_contacts(plugin, site).delete()
    InstalledPack.objects.filter(site=site, plugin_label=plugin.label).delete()
    PluginActivation.objects.filter(site=site, plugin_label=plugin.label).delete()
    return len(pages)
