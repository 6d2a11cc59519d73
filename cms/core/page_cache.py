"""A shared cache of whole public pages for anonymous visitors, emptied when content changes.

Who gets a cached page: a GET or HEAD of a URL that Wagtail serves, without a query string, from
a browser that sends neither a session cookie nor a messages cookie nor credentials. So a learner with progress (whose
progress lives behind the session), a logged-in learner or editor, and someone with a notice
waiting always get a page rendered for them; so does any URL with a query string (the review of
an attempt, a filtered directory, tracking parameters), which also bounds the entries by the
number of pages.

What is stored: a page Wagtail served (``before_serve_page``, see cms.core.wagtail_hooks) with
no view restrictions, answered 200 text/html, that set no cookie, does not vary on Cookie, is not
private or no-store, added no message, changed nothing in the session and used no CSRF token
except through a placeholder (below). The key names the scheme, the host (which picks the Wagtail
site and its theme: a kiosk host shows the kiosk's), the path, the language and the content
generation.

Per-visitor values in a shared page: forms need a CSRF token, and a lesson's forms a one-time
token of their own. While a page is rendered for the cache, functions decorated with
``per_visitor`` return a signed placeholder instead of their value, and so does the templates'
``csrf_token`` (context processor ``csrf_placeholder``); every response made from the entry, the
first included, has its placeholders replaced by values computed for that visitor. An entry never
holds anyone's token::

    @per_visitor
    def form_token(request, pack_id, lesson_key):   # string arguments only
        return make_token(request, pack_id, lesson_key)

Invalidation: each entry's key holds the content generation, a counter in the database
(cms.core.models.PageCacheGeneration) that every change seen on public pages raises inside the
change's own transaction: Wagtail's page_published, page_unpublished (deletions unpublish first)
and post_page_move, saving or deleting a contact, site, locale or page view restriction
(``invalidate_on_change`` adds models), and contacts_updated (cms.contacts.signals). A process reads the counter at most
every RAHNUMA_PAGE_CACHE_CHECK_SECONDS, so a publish reaches every worker and server within
that, whatever cache they use. Entries expire
after RAHNUMA_PAGE_CACHE_SECONDS, which bounds what a change made without signals (a bulk
UPDATE) leaves behind.

Settings: RAHNUMA_PAGE_CACHE (on/off), RAHNUMA_PAGE_CACHE_SECONDS, RAHNUMA_PAGE_CACHE_CHECK_SECONDS
and the cache alias ``pages``. Responses say ``X-Page-Cache: hit`` or ``miss`` (stored now).
"""

import base64
import functools
import hashlib
import json
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.views import serve as wagtail_serve

CACHE_ALIAS = "pages"
STATUS_HEADER = "X-Page-Cache"
MAX_ENTRY_BYTES = 2_000_000  # a page larger than this is not worth the memory it would take
_STATE_ATTRIBUTE = "_rahnuma_page_cache"
_SALT = "rahnuma.core.page-cache"
_PLACEHOLDER_START = b"@@rahnuma-per-visitor:"
_PLACEHOLDER = re.compile(rb"@@rahnuma-per-visitor:([0-9a-f]{32}):([A-Za-z0-9_.]+):([A-Za-z0-9_=-]*)@@")
_NOT_SHARED = {"private", "no-store", "no-cache"}


@dataclass
class _Render:
    """What the middleware knows about a request it may store the page of."""

    rendering: bool = False  # a Wagtail page is being rendered, with placeholders
    storable_page: bool = False  # ... and it is a page anyone may see


class PageCacheMiddleware:
    """Serve and store pages as the module says; it belongs last in MIDDLEWARE, inside the session,
    CSRF and message middleware, so that it sees their work on the request and they see its response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _entry_key(request, current_generation())
        entry = caches[CACHE_ALIAS].get(key)
        if entry is not None:
            return _from_entry(request, entry)
        state = _Render()
        setattr(request, _STATE_ATTRIBUTE, state)
        response = self.get_response(request)
        if not state.rendering:
            return response
        stored = request.method == "GET" and _may_store(request, response, state)
        if stored:
            entry = (response.content, response["Content-Type"], _PLACEHOLDER_START in response.content)
            caches[CACHE_ALIAS].set(key, entry, settings.RAHNUMA_PAGE_CACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        if not response.streaming and _PLACEHOLDER_START in response.content:
            response.content = _fill(request, response.content)
        return response


def page_served(request, page):
    """Wagtail is about to serve ``page`` (cms.core.wagtail_hooks): render it with placeholders, and
    store it when it is public. Restricted pages (password, login, groups) are never stored."""
    state = getattr(request, _STATE_ATTRIBUTE, None)
    if state is not None:
        state.rendering = True
        state.storable_page = not page.get_view_restrictions().exists()


def per_visitor(function):
    """Decorate ``function(request, *strings) -> str`` whose value differs per visitor (see the module)."""
    path = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def value_or_placeholder(request, *args):
        if _rendering(request):
            return _placeholder(path, args)
        return function(request, *args)

    value_or_placeholder.per_visitor = True
    return value_or_placeholder


@per_visitor
def csrf_token(request) -> str:
    return get_token(request)


def csrf_placeholder(request):
    """Context processor: while a page is rendered for the cache, ``{% csrf_token %}`` writes a placeholder.

    Lazy like Django's own csrf_token, so a page without a form holds no placeholder to fill.
    """
    if _rendering(request):
        return {"csrf_token": lazy(functools.partial(csrf_token, request), str)()}
    return {}


def current_generation() -> int:
    """The content generation, read from the database at most every RAHNUMA_PAGE_CACHE_CHECK_SECONDS."""
    now = time.monotonic()
    value, read_at = _generation_memo
    if value is None or now - read_at >= settings.RAHNUMA_PAGE_CACHE_CHECK_SECONDS:
        from cms.core.models import PageCacheGeneration  # the app registry is ready by the first request

        value = PageCacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0
        _generation_memo[:] = [value, now]
    return value


def invalidate(**_signal_arguments):
    """Raise the content generation in the current transaction, so that no stored page is served again.

    Connected to the signals the module lists; call it after any other change that public pages show.
    """
    from cms.core.models import PageCacheGeneration

    if not PageCacheGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        PageCacheGeneration.objects.get_or_create(pk=1)
        PageCacheGeneration.objects.filter(pk=1).update(value=F("value") + 1)
    # This process reads the counter again once the change is committed; a rolled-back one changes nothing.
    transaction.on_commit(_forget_generation)


def invalidate_on_change(model):
    """Empty the page cache whenever a ``model`` instance is saved or deleted."""
    post_save.connect(invalidate, sender=model, dispatch_uid=f"{_SALT}.save.{model._meta.label}")
    post_delete.connect(invalidate, sender=model, dispatch_uid=f"{_SALT}.delete.{model._meta.label}")


def connect_signals():
    """Called once by the core app's ready()."""
    from wagtail.models import Locale, PageViewRestriction, Site

    from cms.contacts.models import Contact
    from cms.contacts.signals import contacts_updated

    signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "contacts-updated": contacts_updated,  # contacts changed by QuerySet.update(), which sends no post_save
    }
    for name, signal in signals.items():
        signal.connect(invalidate, dispatch_uid=f"{_SALT}.page-{name}")
    # A restriction added to a page must take its public copy out of the cache at once.
    for model in (Contact, Site, Locale, PageViewRestriction):
        invalidate_on_change(model)


_generation_memo: list = [None, 0.0]  # [value, time.monotonic() when read], shared by this process's threads


def _forget_generation():
    _generation_memo[:] = [None, 0.0]


def _may_use_cache(request) -> bool:
    return (
        settings.RAHNUMA_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and _served_by_wagtail(get_urlconf() or settings.ROOT_URLCONF, get_language(), request.path_info)
    )


# Resolving walks every URL pattern: a third of a cached page's time, memoised (bounded: paths are the visitors').
@functools.lru_cache(maxsize=4096)
def _served_by_wagtail(urlconf, language, path: str) -> bool:
    """Whether the URL goes to Wagtail's page view (not /healthz, the admin or the learner's own pages).

    The language is part of the question because the URLs' language prefix is matched against it.
    """
    try:
        return resolve(path, urlconf).func is wagtail_serve
    except Resolver404:
        return False


def _entry_key(request, generation: int) -> str:
    where = "|".join((request.scheme, request.get_host(), request.path, get_language() or ""))
    return f"page:{generation}:{hashlib.sha256(where.encode()).hexdigest()}"


def _may_store(request, response, state: _Render) -> bool:
    vary = {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", ""))}
    cache_control = {
        value.split("=")[0].strip().lower() for value in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        state.storable_page
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and len(response.content) <= MAX_ENTRY_BYTES
        and not response.cookies
        and "cookie" not in vary
        and not cache_control & _NOT_SHARED
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token went into the page itself
        and not (messages is not None and messages.added_new)
        and not (session is not None and session.modified)
    )


def _from_entry(request, entry) -> HttpResponse:
    content, content_type, has_placeholders = entry
    response = HttpResponse(_fill(request, content) if has_placeholders else content, content_type=content_type)
    # The page differs for a browser with a session, which never gets it from here: say so to any cache downstream.
    patch_vary_headers(response, ("Cookie",))
    response[STATUS_HEADER] = "hit"
    return response


def _rendering(request) -> bool:
    state = getattr(request, _STATE_ATTRIBUTE, None)
    return state is not None and state.rendering


def _placeholder(path: str, args) -> str:
    encoded = base64.urlsafe_b64encode(json.dumps([str(arg) for arg in args]).encode()).decode()
    return f"@@rahnuma-per-visitor:{_signature(path, encoded)}:{path}:{encoded}@@"


def _signature(path: str, encoded: str) -> str:
    # Signed with the secret key: text an editor writes into a page cannot pass for a placeholder.
    return salted_hmac(_SALT, f"{path}:{encoded}", algorithm="sha256").hexdigest()[:32]


def _fill(request, content: bytes) -> bytes:
    filled = {}  # a placeholder repeated in the page (the CSRF token of each form) is computed once

    def value(match) -> bytes:
        if match.group(0) not in filled:
            filled[match.group(0)] = computed(match)
        return filled[match.group(0)]

    def computed(match) -> bytes:
        signature, path, encoded = (part.decode() for part in match.groups())
        if not constant_time_compare(signature, _signature(path, encoded)):
            return match.group(0)
        function = import_string(path)
        if not getattr(function, "per_visitor", False):
            return match.group(0)
        args = json.loads(base64.urlsafe_b64decode(encoded))
        # Escaped as the template would have escaped the value itself.
        return escape(function.__wrapped__(request, *args)).encode()

    return _PLACEHOLDER.sub(value, content)
