"""Themes chosen per Wagtail Site (themes/): the same page on localhost in the web theme and on kiosk.localhost
in the kiosk theme, the site's own name and colours without code, and the registry plugins add themes to."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from themes.models import ThemeSettings
from themes.registry import Theme, ThemeError, get_theme, register_theme, theme_choices

pytestmark = pytest.mark.django_db

KIOSK_HOST = "kiosk.localhost"


@pytest.fixture
def kiosk_site(course):
    """A second site on the kiosk host with the web site's root page (as demo_setup makes it) and the kiosk theme."""
    web = Site.objects.get(hostname="localhost")
    kiosk = Site.objects.create(hostname=KIOSK_HOST, port=80, root_page=web.root_page, site_name="Kiosk")
    ThemeSettings.objects.create(site=kiosk, theme="kiosk")
    return kiosk


def get(path, host="localhost"):
    return Client(HTTP_HOST=host).get(path)


def test_the_kiosk_host_renders_the_kiosk_theme_and_localhost_the_web_theme(kiosk_site):
    path = "/en/countries/atlantis-guide/"
    web, kiosk = get(path), get(path, KIOSK_HOST)
    assert web.status_code == kiosk.status_code == 200
    web_html, kiosk_html = web.content.decode(), kiosk.content.decode()
    # The same page: the guide's own title, in both.
    assert "<h1>Working in Atlantis</h1>" in web_html and "<h1>Working in Atlantis</h1>" in kiosk_html
    assert "kiosk/css/kiosk.css" in kiosk_html and "kiosk/css/kiosk.css" not in web_html
    assert 'class="kiosk-bar"' in kiosk_html and 'class="header-search"' in web_html
    assert 'class="header-search"' not in kiosk_html  # the kiosk replaces the header, typing included


def test_the_kiosk_home_page_is_the_language_start_screen(kiosk_site):
    html = get("/en/", KIOSK_HOST).content.decode()
    assert "Choose your language" in html
    for code, name in (("en", "English"), ("ur", "اردو"), ("pnb", "پنجابی")):
        assert f'href="/{code}/kiosk/destination/" lang="{code}"' in html
        assert f"<span>{name}</span>" in html
    assert "Choose your language" not in get("/en/").content.decode()


def test_kiosk_screens_exist_only_on_kiosk_sites(kiosk_site):
    assert get("/en/kiosk/destination/", KIOSK_HOST).status_code == 200
    assert get("/en/kiosk/destination/").status_code == 404


def test_an_unknown_theme_name_falls_back_to_the_web_theme(course):
    ThemeSettings.objects.create(site=Site.objects.get(hostname="localhost"), theme="uninstalled-plugin-theme")
    html = get("/en/").content.decode()
    assert "web/css/site.css" in html and "kiosk.css" not in html
    assert get_theme("uninstalled-plugin-theme").name == "web"


def test_centre_name_and_colours_need_no_code(course):
    settings_ = ThemeSettings.objects.create(
        site=Site.objects.get(hostname="localhost"), centre_name="MRC Lahore", primary_colour="#1d3f8a"
    )
    html = get("/en/").content.decode()
    assert '<a class="brand" href="/en/">MRC Lahore</a>' in html
    link = "/theme/colours.css?v=1d3f8ab45309"
    assert f'<link rel="stylesheet" href="{link}">' in html
    css = get(link)
    assert css["Content-Type"].startswith("text/css")
    assert css.content.decode().strip() == ":root{--accent:#1d3f8a;--highlight:#b45309}"
    assert "immutable" in css["Cache-Control"]
    assert get("/theme/colours.css?v=stale")["Cache-Control"] == "no-cache"
    # Default colours: no extra stylesheet to download.
    settings_.primary_colour = "#0b6e4f"
    settings_.save()
    assert "/theme/colours.css" not in get("/en/").content.decode()


def test_saving_theme_settings_empties_the_page_cache(course):
    assert get("/en/")["X-Page-Cache"] == "miss"
    assert get("/en/")["X-Page-Cache"] == "hit"
    ThemeSettings.objects.create(site=Site.objects.get(hostname="localhost"), centre_name="MRC Multan")
    response = get("/en/")
    assert response["X-Page-Cache"] == "miss" and "MRC Multan" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("primary_colour", "red", "six hexadecimal digits"),
        ("primary_colour", "#0b6e4", "six hexadecimal digits"),
        ("primary_colour", "#ffd700", "contrast with white is 1.4:1, and at least 4.5:1"),
        ("accent_colour", "#f5a623", "contrast with white is 2.0:1, and at least 3.0:1"),
        ("theme", "no-such-theme", "not a valid choice"),
    ],
)
def test_bad_settings_name_their_field(site, field, value, message):
    from django.core.exceptions import ValidationError

    theme_settings = ThemeSettings(site=site, **{field: value})
    with pytest.raises(ValidationError) as refused:
        theme_settings.full_clean()
    assert list(refused.value.message_dict) == [field]
    assert message in " ".join(refused.value.message_dict[field])


def test_the_kiosk_theme_needs_a_kiosk_host(site):
    """Its idle countdown runs on RAHNUMA_KIOSK_HOSTS only (cms.learning.kiosk): a kiosk elsewhere would never clear."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        ThemeSettings(site=site, theme="kiosk").full_clean()
    assert "localhost is not a kiosk host" in refused.value.message_dict["theme"][0]
    kiosk = Site.objects.create(hostname=KIOSK_HOST, port=80, root_page=site.root_page)
    ThemeSettings(site=kiosk, theme="kiosk", primary_colour="#1D3F8A").full_clean()


def test_good_colours_are_kept_in_lower_case(site):
    theme_settings = ThemeSettings(site=site, primary_colour="#1D3F8A")
    theme_settings.full_clean()
    assert theme_settings.primary_colour == "#1d3f8a"


def test_plugins_register_themes_and_a_name_cannot_be_taken_twice():
    district = Theme("district-test", "District", "themes/district-test", stylesheets=("web/css/site.css",))
    register_theme(district)
    register_theme(district)  # an app's ready() run again: harmless
    assert ("district-test", "District") in theme_choices()
    with pytest.raises(ThemeError, match="district-test"):
        register_theme(Theme("district-test", "Other", None, stylesheets=()))


def test_demo_setup_serves_the_same_pages_on_the_kiosk_host_in_the_kiosk_theme():
    call_command("demo_setup", stdout=StringIO())
    call_command("demo_setup", stdout=StringIO())  # again: nothing doubled
    web, kiosk = Site.objects.get(hostname="localhost"), Site.objects.get(hostname=KIOSK_HOST)
    assert kiosk.root_page_id == web.root_page_id and not kiosk.is_default_site
    assert ThemeSettings.objects.get(site=kiosk).theme == "kiosk"
    assert not ThemeSettings.objects.filter(site=web).exists()
    assert "kiosk/css/kiosk.css" in get("/en/countries/saudi-arabia/", KIOSK_HOST).content.decode()


def test_editors_set_the_theme_in_the_admin_and_a_bad_colour_is_refused_by_its_field(site, admin_client):
    from django.urls import reverse

    url = reverse("wagtailsettings:edit", args=["rahnuma_themes", "themesettings", site.pk])
    form = {"theme": "web", "centre_name": "MRC Lahore", "primary_colour": "#ffd700", "accent_colour": "#b45309"}
    refused = admin_client.post(url, form)
    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        "primary_colour": ["Too light: its contrast with white is 1.4:1, and at least 4.5:1 is needed."]
    }
    assert admin_client.post(url, {**form, "primary_colour": "#1D3F8A"}).status_code == 302
    saved = ThemeSettings.objects.get(site=site)
    assert (saved.centre_name, saved.primary_colour) == ("MRC Lahore", "#1d3f8a")
