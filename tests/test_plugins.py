"""Plugin discovery, checks and per-site activation, with the dummy plugin of the test suite."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from cms.contacts.models import Contact
from cms.core.site_structure import set_up_site
from cms.learning.models import LessonPage
from cms.packs.models import InstalledPack
from cms.plugins.checks import check_plugins
from cms.plugins.discovery import discover_plugins
from cms.plugins.models import PluginActivation, is_enabled
from cms.plugins.registry import get_plugin, installed_plugins
from cms.plugins.services import disable_plugin, enable_plugin, plugin_pages, purge_plugin


def fake_distribution(root: Path, name: str, entry_points: dict[str, str]):
    """An installed distribution as importlib.metadata sees it: a dist-info folder on sys.path."""
    info = root / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    lines = "\n".join(f"{label} = {target}" for label, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[rahnuma.plugins]\n{lines}\n")


@pytest.fixture
def distributions(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def labels(discovery):
    return [plugin.label for plugin in discovery.plugins]


def test_discovery_finds_sorts_and_never_imports(distributions):
    fake_distribution(distributions, "zeta-plugin", {"zeta": "zeta_plugin.apps.Zeta"})
    fake_distribution(distributions, "alpha-plugin", {"alpha": "alpha_plugin.apps.Alpha"})
    discovery = discover_plugins()
    found = labels(discovery)
    # Neither module exists: discovery reads entry points only, it does not import plugin code.
    assert found.index("alpha") < found.index("dummy") < found.index("zeta")
    assert "alpha_plugin.apps.Alpha" in discovery.app_configs


def test_discovery_excludes_by_environment(distributions, monkeypatch):
    from cms.plugins.discovery import excluded_from_environment

    fake_distribution(distributions, "alpha-plugin", {"alpha": "alpha_plugin.apps.Alpha"})
    monkeypatch.setenv("RAHNUMA_PLUGINS_EXCLUDE", "alpha, dummy")
    discovery = discover_plugins(exclude=excluded_from_environment())
    assert "alpha" not in labels(discovery) and "dummy" not in labels(discovery)


def test_duplicate_label_is_a_check_error(distributions):
    fake_distribution(distributions, "one-plugin", {"twin": "one_plugin.apps.Twin"})
    fake_distribution(distributions, "two-plugin", {"twin": "two_plugin.apps.Twin"})
    discovery = discover_plugins()
    assert labels(discovery).count("twin") == 1
    with override_settings(PLUGIN_DISCOVERY=discovery):
        errors = check_plugins()
    assert [error.id for error in errors] == ["rahnuma.E001"]
    assert "twin" in errors[0].msg


def test_incompatible_engine_is_a_check_error(monkeypatch):
    from tests.dummy_plugin.apps import DummyPlugin

    assert check_plugins() == []
    monkeypatch.setattr(DummyPlugin, "engine", ">=2.0")
    errors = check_plugins()
    assert [error.id for error in errors] == ["rahnuma.E005"]
    assert "dummy" in errors[0].msg


def test_the_dummy_plugin_is_loaded_with_its_metadata():
    plugin = get_plugin("tests.dummy")
    assert plugin.label == "dummy" and plugin.kind == "partner" and plugin.version == "0.1.0"
    assert plugin.pack_paths[0].name == "dummy" and (plugin.pack_paths[0] / "pack.yaml").exists()
    assert "dummy" in [p.label for p in installed_plugins()]


@pytest.mark.django_db
class TestActivationPerSite:
    @pytest.fixture
    def sites(self):
        return set_up_site("localhost", 80, default=True), set_up_site("district.localhost", 80)

    def dummy_lessons(self, site):
        return LessonPage.objects.descendant_of(site.root_page).filter(pack_id="tests.dummy")

    def test_enable_installs_packs_into_that_site_only(self, sites, client):
        centre, district = sites
        enable_plugin(get_plugin("dummy"), centre)
        assert is_enabled("dummy", centre) and not is_enabled("dummy", district)
        assert self.dummy_lessons(centre).live().count() == 1
        assert not self.dummy_lessons(district).exists()
        assert client.get("/en/courses/atlantis-course/atlantis-contract/").status_code == 200
        assert (
            client.get("/en/courses/atlantis-course/atlantis-contract/", HTTP_HOST="district.localhost").status_code
            == 404
        )

    def test_disable_unpublishes_and_enable_restores(self, sites, client):
        centre, _ = sites
        plugin = get_plugin("dummy")
        enable_plugin(plugin, centre)
        pages_before = Page.objects.count()
        disabled = disable_plugin(plugin, centre)
        assert disabled == 8  # guide, section, course, lesson in en and ur
        assert not plugin_pages(plugin, centre).filter(live=True).exists()
        assert client.get("/ur/courses/atlantis-course/atlantis-contract/").status_code == 404
        assert not Contact.objects.filter(pack_id="tests.dummy", live=True).exists()
        assert Page.objects.count() == pages_before  # unpublished, not deleted: progress keeps its pages
        enable_plugin(plugin, centre)
        assert client.get("/ur/courses/atlantis-course/atlantis-contract/").status_code == 200
        assert Contact.objects.filter(pack_id="tests.dummy", live=True).count() == 2
        assert InstalledPack.objects.filter(site=centre).count() == 1  # enabling again did not reinstall

    def test_purge_removes_the_content(self, sites):
        centre, _ = sites
        plugin = get_plugin("dummy")
        enable_plugin(plugin, centre)
        purge_plugin(plugin, centre)
        assert not self.dummy_lessons(centre).exists()
        assert not Contact.objects.filter(pack_id="tests.dummy").exists()
        assert not InstalledPack.objects.exists() and not PluginActivation.objects.exists()

    def test_management_command(self, sites):
        output = StringIO()
        call_command("plugins", "enable", "dummy", "--site", "localhost", stdout=output)
        call_command("plugins", "list", stdout=output)
        text = output.getvalue()
        assert "dummy enabled on localhost" in text
        assert "localhost:80  enabled" in text and "district.localhost:80  disabled" in text
        call_command("plugins", "disable", "dummy", "--site", "localhost", stdout=output)
        assert not is_enabled("dummy", sites[0])

    def test_admin_page_lists_plugins_and_switches_them(self, sites, admin_client):
        response = admin_client.get("/admin/plugins/")
        assert response.status_code == 200
        assert b"Dummy plugin" in response.content and b"tests.dummy" in response.content
        admin_client.post("/admin/plugins/", {"plugin": "dummy", "site": sites[1].pk, "action": "enable"})
        assert is_enabled("dummy", sites[1]) and not is_enabled("dummy", sites[0])
