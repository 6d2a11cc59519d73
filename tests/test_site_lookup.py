"""cms.core.site_lookup: the Wagtail site of a request, remembered per host name and port."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.core import site_lookup
from cms.core.site_structure import set_up_site


@pytest.fixture(autouse=True)
def forget_between_tests():
    site_lookup.forget_sites()
    yield
    site_lookup.forget_sites()


def lookup(host):
    return site_lookup.site_for(RequestFactory().get("/", HTTP_HOST=host))


@pytest.mark.django_db
def test_the_site_is_found_once_then_remembered_per_host():
    main = set_up_site("localhost", 80, default=True)
    kiosk = set_up_site("kiosk.localhost", 80)
    assert lookup("localhost").pk == main.pk
    with CaptureQueriesContext(connection) as queries:
        assert lookup("localhost").pk == main.pk
    assert len(queries) == 0
    assert lookup("kiosk.localhost").pk == kiosk.pk  # each host its own entry
    assert lookup("unknown.localhost").pk == main.pk  # Wagtail's fallback to the default site


@pytest.mark.django_db
def test_saving_a_site_forgets_what_was_remembered():
    main = set_up_site("localhost", 80, default=True)
    assert lookup("centre.localhost").pk == main.pk
    centre = set_up_site("centre.localhost", 80)
    assert lookup("centre.localhost").pk == centre.pk
    Site.objects.filter(pk=centre.pk).get().delete()
    assert lookup("centre.localhost").pk == main.pk


@pytest.mark.django_db
def test_an_old_answer_is_looked_up_again(monkeypatch):
    main = set_up_site("localhost", 80, default=True)
    now = [100.0]
    monkeypatch.setattr(site_lookup.time, "monotonic", lambda: now[0])  # the time module: undone after the test
    lookup("localhost")
    now[0] += site_lookup.REMEMBER_SECONDS + 1
    with CaptureQueriesContext(connection) as queries:
        assert lookup("localhost").pk == main.pk
    assert len(queries) == 1


def test_the_middleware_hands_the_site_to_wagtail(monkeypatch):
    request = RequestFactory().get("/")
    remembered = object()
    monkeypatch.setattr(site_lookup, "site_for", lambda request: remembered)
    site_lookup.SiteLookupMiddleware(lambda request: Site.find_for_request(request))(request)
    assert Site.find_for_request(request) is remembered
