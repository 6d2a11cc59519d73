"""Limits on failed guesses (resume codes, passwords) and on busy forms, counted in the cache, never in the database.

Each kind (``scope``) is counted in three buckets for a fixed window that starts with the
bucket's first count; SCOPES holds each scope's limits. For guesses ("resume", "login"):

- the client: this browser (its session, or else its CSRF cookie) from this address, 5 failures;
- the address alone, 50 failures: a kiosk room shares one address, so this is set higher, and it
  stops one machine from guessing with fresh sessions;
- the whole site, 1000 failures: the ceiling for many addresses guessing together.

Rate limits ("quiz": lesson form posts, "signup", "search") count every request rather than
failures, with limits that a learner, or a room of kiosks, does not reach; "quiz" and "search"
have no site-wide ceiling, which a busy day would reach. Requests with no browser to tell apart
(no session, no CSRF cookie: a plain GET) share one client bucket per address.

When any bucket is full the request is refused (the view answers 429) before the guess is even
checked, so a right guess in a locked bucket fails too. A success resets nothing: otherwise
someone holding one good code could clear their count between wrong guesses. The address is kept
only inside a keyed hash in the cache key, never stored or logged::

    if is_locked(request, "resume"):
        return too_many_requests(request)
    note_failure(request, "resume")

    @rate_limited("search", methods=("GET",))         # 429 once this client or address is over
    def search(request): ...

    limit_failed_logins(LoginView.as_view())          # a login view that answers 200 when it fails
"""

import functools
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.crypto import salted_hmac

WINDOW = timedelta(minutes=15)
_SALT = "rahnuma.learning.throttle"


@dataclass(frozen=True)
class Limits:
    """The most counts per WINDOW in each bucket; ``site`` None for no site-wide ceiling."""

    client: int
    address: int
    site: int | None


SCOPES = {
    "resume": Limits(client=5, address=50, site=1000),
    "login": Limits(client=5, address=50, site=1000),  # learners' and the admin's: one table of users
    "signup": Limits(client=5, address=50, site=1000),
    "verify": Limits(client=5, address=50, site=1000),  # certificate codes (cms.learning.certificate_views)
    "slip": Limits(client=5, address=50, site=1000),  # referral slip codes (cms.outreach.slips)
    "quiz": Limits(client=60, address=600, site=None),
    "search": Limits(client=120, address=1200, site=None),
    "h5p": Limits(client=300, address=3000, site=None),  # xAPI statements of H5P activities (cms.h5p.site_views)
}


def is_locked(request, scope: str) -> bool:
    """Whether any of this request's buckets for ``scope`` is full."""
    limits = SCOPES[scope]
    keys = _bucket_keys(request, scope)
    counts = cache.get_many(list(keys.values()))
    scale = settings.RAHNUMA_RATE_LIMIT_SCALE
    return any(counts.get(key, 0) >= getattr(limits, bucket) * scale for bucket, key in keys.items())


def note_failure(request, scope: str):
    """Count one failed guess in each of this request's buckets for ``scope``."""
    _count(request, scope)


def over_rate(request, scope: str) -> bool:
    """Count this request against ``scope``; True (answer 429) when a bucket was already full."""
    if is_locked(request, scope):
        return True
    _count(request, scope)
    return False


def rate_limited(scope: str, methods=("POST",)):
    """View decorator: requests with these methods count against ``scope``; over the limit they get 429."""

    def decorator(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            if request.method in methods and over_rate(request, scope):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def limit_failed_logins(view):
    """Wrap a login view that redirects on success and answers 200 (the form again) on failure."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        if is_locked(request, "login"):
            return too_many_requests(request)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            note_failure(request, "login")
        return response

    return limited


def too_many_requests(request):
    """The 429 page: how long to wait, and where to get help."""
    minutes = int(WINDOW.total_seconds() // 60)
    response = TemplateResponse(request, "rahnuma_learning/too_many_attempts.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(WINDOW.total_seconds()))
    return response


def _count(request, scope: str):
    for key in _bucket_keys(request, scope).values():
        # add() starts the window only if the bucket is new; incr() is atomic in the cache backends Django ships.
        cache.add(key, 0, timeout=int(WINDOW.total_seconds()))
        try:
            cache.incr(key)
        except ValueError:  # the bucket expired between add() and incr(): this failure opens a new window
            cache.add(key, 1, timeout=int(WINDOW.total_seconds()))


def _bucket_keys(request, scope: str) -> dict[str, str]:
    address = request.META.get("REMOTE_ADDR", "")
    # A form post always carries the CSRF cookie, so a browser with no session yet is told apart by it.
    browser = request.session.session_key or request.META.get("CSRF_COOKIE", "")
    keys = {
        "client": f"{_SALT}:{scope}:client:{_hashed(address, browser)}",
        "address": f"{_SALT}:{scope}:address:{_hashed(address)}",
    }
    if SCOPES[scope].site is not None:
        keys["site"] = f"{_SALT}:{scope}:site"
    return keys


def _hashed(*parts: str) -> str:
    return salted_hmac(_SALT, "|".join(parts), algorithm="sha256").hexdigest()[:32]
