"""Settings shared by every environment; each value that varies comes from the environment.

Environment variables:
    DATABASE_URL            database (default: SQLite file db.sqlite3 in the project folder)
    SECRET_KEY              required in production
    ALLOWED_HOSTS           comma-separated host names
    DEBUG                   "1"/"true" to enable
    SEARCH_BACKEND          "database" (default)
    RAHNUMA_PLUGINS_EXCLUDE comma-separated plugin entry-point names to leave out
    MEDIA_ROOT, STATIC_ROOT where uploads and collected static files go
    PACK_UPLOAD_ROOT        where partners' uploaded pack zips are kept (never served)
    RAHNUMA_RESUME_CODE_DAYS how long a learner's resume code works (default 30 days)
    RAHNUMA_KIOSK_HOSTS     comma-separated host names that are shared kiosks (default kiosk.localhost)
    RAHNUMA_KIOSK_IDLE_SECONDS, RAHNUMA_KIOSK_PROMPT_SECONDS
                            on a kiosk, idle time before "Still there?" and its countdown (default 180, 30)
"""

import os
from pathlib import Path

import dj_database_url
from django.conf import locale as django_locale

from cms.locales import BIDI_LANGUAGE_CODES
from cms.locales import LANGUAGES as ENGINE_LANGUAGES
from cms.plugins.discovery import discover_plugins, excluded_from_environment

BASE_DIR = Path(__file__).resolve().parents[2]

INSECURE_DEFAULT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],.localhost")

# Plugins are found by their entry points without importing them (cms.plugins.discovery).
PLUGIN_DISCOVERY = discover_plugins(exclude=excluded_from_environment())

INSTALLED_APPS = [
    "cms.core",
    "cms.plugins",
    "cms.packs",
    "cms.guides",
    "cms.learning",
    "cms.contacts",
    "cms.partners",
    "themes.web",
    *PLUGIN_DISCOVERY.app_configs,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0"))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Learners write at the same moment (a double-tapped answer, two tabs, a room of kiosks). WAL lets
    # readers go on while one writes; IMMEDIATE takes the write lock when a transaction starts, so a
    # waiting writer queues (up to `timeout` seconds) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Django knows "ur" but not Shahmukhi Punjabi; register it so that get_language_info,
# the bidi flag and /pnb/ URLs work (see locale/pnb for the message catalogue this also needs).
for _language in ENGINE_LANGUAGES:
    django_locale.LANG_INFO.setdefault(
        _language.code,
        {
            "bidi": _language.bidi,
            "code": _language.code,
            "name": _language.english_name,
            "name_local": _language.native_name,
        },
    )

USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Karachi"
LANGUAGE_CODE = "en"
LANGUAGES = [(language.code, language.english_name) for language in ENGINE_LANGUAGES]
LANGUAGES_BIDI = list(BIDI_LANGUAGE_CODES)
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [
    # The Nastaliq web font, installed from npm by the Makefile and served by the site itself.
    ("fonts/noto-nastaliq-urdu", BASE_DIR / "node_modules" / "@fontsource" / "noto-nastaliq-urdu" / "files"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Uploaded packs are checked, then kept for the record; with no base URL they cannot be served.
    "pack_uploads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": Path(os.environ.get("PACK_UPLOAD_ROOT", BASE_DIR / "var" / "pack-uploads")),
            "base_url": None,
        },
    },
}

WAGTAIL_SITE_NAME = "Rahnuma"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf"]

# Counters of failed resume-code and login attempts live here (cms.learning.throttle). A local-memory
# cache counts per process: with several server processes, point "default" at a shared cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long a learner's resume code (cms.learning.resume_codes) works after it is made.
RAHNUMA_RESUME_CODE_DAYS = int(os.environ.get("RAHNUMA_RESUME_CODE_DAYS", "30"))

# Shared screens at a centre (cms.learning.kiosk): after this long untouched they ask "Still there?",
# and when nobody answers within the countdown they finish and clear the learner's session.
RAHNUMA_KIOSK_HOSTS = env_list("RAHNUMA_KIOSK_HOSTS", "kiosk.localhost")
RAHNUMA_KIOSK_IDLE_SECONDS = int(os.environ.get("RAHNUMA_KIOSK_IDLE_SECONDS", "180"))
RAHNUMA_KIOSK_PROMPT_SECONDS = int(os.environ.get("RAHNUMA_KIOSK_PROMPT_SECONDS", "30"))

SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
if SEARCH_BACKEND != "database":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"SEARCH_BACKEND={SEARCH_BACKEND!r} is not available; use 'database'")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
