"""Limits on failed guesses (resume codes, passwords), counted in the cache, never in the database.

Each kind of guess (``scope``: "resume", "login") is counted in three buckets for a fixed window
that starts with the bucket's first failure:

- the client: this browser (its session, or else its CSRF cookie) from this address, 5 failures;
- the address alone, 50 failures: a kiosk room shares one address, so this is set higher, and it
  stops one machine from guessing with fresh sessions;
- the whole site, 1000 failures: the ceiling for many addresses guessing together.

When any bucket is full the request is refused (the view answers 429) before the guess is even
checked, so a right guess in a locked bucket fails too. A success resets nothing: otherwise
someone holding one good code could clear their count between wrong guesses. The address is kept
only inside a keyed hash in the cache key, never stored or logged::

    if is_locked(request, "resume"):
        ...  # 429
    note_failure(request, "resume")
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils.crypto import salted_hmac

WINDOW = timedelta(minutes=15)
LIMITS = {"client": 5, "address": 50, "site": 1000}
_SALT = "rahnuma.learning.throttle"


def is_locked(request, scope: str) -> bool:
    """Whether any of this request's buckets for ``scope`` is full."""
    keys = _bucket_keys(request, scope)
    counts = cache.get_many(list(keys.values()))
    return any(counts.get(key, 0) >= LIMITS[bucket] for bucket, key in keys.items())


def note_failure(request, scope: str):
    """Count one failed guess in each of this request's buckets for ``scope``."""
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
    return {
        "client": f"{_SALT}:{scope}:client:{_hashed(address, browser)}",
        "address": f"{_SALT}:{scope}:address:{_hashed(address)}",
        "site": f"{_SALT}:{scope}:site",
    }


def _hashed(*parts: str) -> str:
    return salted_hmac(_SALT, "|".join(parts), algorithm="sha256").hexdigest()[:32]
