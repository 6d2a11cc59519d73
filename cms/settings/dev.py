"""Local development and the demo: debug on unless DEBUG says otherwise."""

from cms.settings.base import *  # noqa: F403
from cms.settings.base import env_bool

DEBUG = env_bool("DEBUG", default=True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
