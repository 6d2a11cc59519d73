"""Shared screens at a centre ("kiosks"): which hosts are kiosks, and how long they wait for a learner.

A kiosk is recognised by the host name it is reached at (settings.RAHNUMA_KIOSK_HOSTS), so one
installation serves both kiosks and phones. On a kiosk, pages carry the idle timings for the
browser's script (themes/web/static/web/js/kiosk.js), which asks "Still there?" after
RAHNUMA_KIOSK_IDLE_SECONDS untouched and finishes the learner's turn when nobody answers within
RAHNUMA_KIOSK_PROMPT_SECONDS. Settings are read on every request so that tests can override them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http.request import split_domain_port
from wagtail.models import Site


@dataclass(frozen=True)
class KioskTimings:
    idle_seconds: int
    prompt_seconds: int


def kiosk_timings(request) -> KioskTimings | None:
    """The idle timings when ``request`` came to a kiosk host, else None."""
    hostname, _port = split_domain_port(request.get_host())
    kiosk_hosts = {host.lower() for host in settings.RAHNUMA_KIOSK_HOSTS}
    if hostname.lower() not in kiosk_hosts:
        return None
    return KioskTimings(settings.RAHNUMA_KIOSK_IDLE_SECONDS, settings.RAHNUMA_KIOSK_PROMPT_SECONDS)


def address_for_phones(request, path: str) -> str:
    """The absolute address of ``path`` for a learner to open on their own phone (a QR code's link).

    On a kiosk it is on the default site, the public web site: a kiosk's host name is often known
    only inside the centre, and a phone at home must not land on the kiosk theme.
    """
    public_site = Site.objects.filter(is_default_site=True).first() if kiosk_timings(request) else None
    if public_site is None:
        return request.build_absolute_uri(path)
    return public_site.root_url + path
