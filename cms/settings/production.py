"""Production: refuses to start with the development secret key or with DEBUG on.

Environment variables (besides those of cms.settings.base):
    HTTPS                   "1" (default): the site is reached over HTTPS only: secure cookies, a
                            redirect of plain HTTP, HSTS. "0" to try the production set-up on
                            http://127.0.0.1:8000 (make serve).
    HSTS_SECONDS            how long browsers keep to HTTPS (default one year), for the host and its
                            subdomains; HSTS_PRELOAD "0" leaves out the preload directive
    TRUST_X_FORWARDED_PROTO "1" behind a load balancer or proxy that terminates TLS, sets
                            X-Forwarded-Proto and removes any the client sent
Static files are collected (collectstatic) into STATIC_ROOT with fingerprinted names and
compressed copies, and served by WhiteNoise with long-lived cache headers.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import *  # noqa: F403
from cms.settings.base import INSECURE_DEFAULT_SECRET_KEY, SECRET_KEY, env_bool

if SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters for production.")
if env_bool("DEBUG"):
    raise ImproperlyConfigured("DEBUG must be off in production.")

DEBUG = False

# WhiteNoise serves /static/ straight after the security middleware, before sessions or anything else.
MIDDLEWARE = [
    MIDDLEWARE[0],  # noqa: F405  django.middleware.security.SecurityMiddleware
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for slow phones (a lesson's HTML shrinks to about a quarter); static files come
    # compressed from WhiteNoise. Django pads each compressed page with random bytes against BREACH, and
    # CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
STORAGES = {
    **STORAGES,  # noqa: F405
    # Names with a hash of the content, so that WhiteNoise may tell browsers to keep them for ten years.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

HTTPS = env_bool("HTTPS", default=True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
# Load balancers check health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600))) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", default=True)
if env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
