"""Production: refuses to start with the development secret key or with DEBUG on."""

from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import *  # noqa: F403
from cms.settings.base import INSECURE_DEFAULT_SECRET_KEY, SECRET_KEY, env_bool

if SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters for production.")
if env_bool("DEBUG"):
    raise ImproperlyConfigured("DEBUG must be off in production.")

DEBUG = False
SESSION_COOKIE_SECURE = env_bool("HTTPS", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
