"""Which Wagtail Site answers a request, remembered per host name and port for a short while.

Wagtail finds a request's site with one query per request (``Site.find_for_request``), built with
annotations that cost more to compile than to run: a sizeable share of a quiz answer's time. Sites
change rarely, so ``SiteLookupMiddleware`` keeps what Wagtail found per (host name, port) in this
process and hands it to Wagtail by setting ``request._wagtail_site``, the attribute in which
``Site.find_for_request`` keeps its own answer for the rest of the request.

Saving or deleting a Site forgets everything in this process at once; other processes (more server
workers or servers) forget within ``REMEMBER_SECONDS``. Only routing facts are relied on from the
remembered site: its host name, port and root page (whose id and tree path do not change).
"""

import time
from threading import Lock

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Site

REMEMBER_SECONDS = 60
# Host names are bounded by ALLOWED_HOSTS, but a wildcard entry (".localhost") admits any number.
MAX_REMEMBERED = 256

_remembered: dict[tuple[str, int], tuple[float, Site | None]] = {}
_lock = Lock()


def site_for(request) -> Site | None:
    """The site for ``request``: remembered, or found by Wagtail and remembered."""
    # The raw host, like Wagtail's own lookup: ALLOWED_HOSTS is Django's check to make, not this one's.
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    now = time.monotonic()
    remembered = _remembered.get(key)
    if remembered is not None and now - remembered[0] < REMEMBER_SECONDS:
        return remembered[1]
    site = Site._find_for_request(request)
    with _lock:
        if len(_remembered) >= MAX_REMEMBERED:
            _remembered.clear()
        _remembered[key] = (now, site)
    return site


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs):
    with _lock:
        _remembered.clear()


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for(request)
        return self.get_response(request)
