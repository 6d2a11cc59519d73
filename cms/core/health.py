"""GET /healthz: whether this app server can serve, for a load balancer or a monitor.

Answered by ``HealthCheckMiddleware``, early in MIDDLEWARE: before host-name checks (load balancers
often ask by IP address), site lookup, sessions and the page cache, none of which it needs.

Answers plain JSON, 200 when every check passes and 503 when one fails::

    {"status": "ok", "checks": {"database": "ok", "cache": "ok", "elasticsearch": "ok"}}

Checks: the database (a trivial query); the shared cache when one is configured (a write and a
read; a process's local memory cannot fail and tells nothing); Elasticsearch when
SEARCH_BACKEND is "elasticsearch" (its cluster health, red counting as a failure, within
ELASTICSEARCH_TIMEOUT_SECONDS). A failure's details go to the log, not to the caller. The answer
is never cached and touches no session, so it sets no cookie; it is exempt from the HTTPS redirect
(settings.production) because load balancers often check over plain HTTP.
"""

import base64
import json
import logging
import secrets
import urllib.error
import urllib.request
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms.settings.backends import LOCAL_MEMORY

logger = logging.getLogger(__name__)

ELASTICSEARCH_TIMEOUT_SECONDS = 2
_PROCESS_LOCAL_CACHES = {LOCAL_MEMORY, "django.core.cache.backends.dummy.DummyCache"}


PATH = "/healthz"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)


@require_safe
@never_cache
def healthz(request):
    checks = {"database": _database()}
    if settings.CACHES["default"]["BACKEND"] not in _PROCESS_LOCAL_CACHES:
        checks["cache"] = _cache()
    if getattr(settings, "SEARCH_BACKEND", "") == "elasticsearch":
        checks["elasticsearch"] = _elasticsearch(getattr(settings, "ELASTICSEARCH_URL", ""))
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: the database does not answer")
        return "error"
    return "ok"


def _cache() -> str:
    key, value = "rahnuma:healthz", secrets.token_hex(8)
    try:
        cache = caches["default"]
        cache.set(key, value, timeout=10)
        answered = cache.get(key)
    except Exception:  # each backend's client raises its own errors; any of them means "not healthy"
        logger.exception("health check: the cache does not answer")
        return "error"
    if answered != value:
        logger.error("health check: the cache did not keep a value")
        return "error"
    return "ok"


def _elasticsearch(url: str) -> str:
    if not url:
        logger.error("health check: SEARCH_BACKEND is elasticsearch but ELASTICSEARCH_URL is not set")
        return "error"
    try:
        with urllib.request.urlopen(_cluster_health_request(url), timeout=ELASTICSEARCH_TIMEOUT_SECONDS) as answer:
            status = json.load(answer).get("status")
    except (OSError, ValueError, urllib.error.URLError):  # refused, timed out, HTTP error, not JSON
        logger.exception("health check: Elasticsearch does not answer at ELASTICSEARCH_URL")
        return "error"
    if status not in ("green", "yellow"):
        logger.error("health check: Elasticsearch cluster status is %s", status)
        return "error"
    return "ok"


def _cluster_health_request(url: str) -> urllib.request.Request:
    """GET <url>/_cluster/health, with the URL's user and password (if any) as basic authentication."""
    parts = urlsplit(url)
    host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname or ""
    address = urlunsplit(parts._replace(netloc=host + (f":{parts.port}" if parts.port else "")))
    request = urllib.request.Request(address.rstrip("/") + "/_cluster/health", method="GET")
    if parts.username:
        credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(credentials).decode())
    return request
