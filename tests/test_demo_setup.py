from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from cms.plugins.models import is_enabled
from cms.plugins.registry import get_plugin
from cms.plugins.services import disable_plugin

pytestmark = pytest.mark.django_db


def demo_setup():
    output = StringIO()
    call_command("demo_setup", stdout=output)
    return output.getvalue()


def test_demo_setup_enables_plugins_prints_the_password_once_and_is_safe_to_rerun():
    first = demo_setup()
    password = first.split("Admin login: admin / ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "localhost" and is_enabled("saudi_arabia", site) and is_enabled("dummy", site)
    pages = Page.objects.count()
    second = demo_setup()
    assert password not in second and "already exists" in second
    assert Page.objects.count() == pages


def test_demo_setup_keeps_an_operators_choice_to_disable_a_plugin():
    demo_setup()
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    disable_plugin(get_plugin("dummy"), site)
    demo_setup()
    assert not is_enabled("dummy", site)
