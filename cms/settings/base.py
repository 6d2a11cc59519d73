"""Settings shared by every environment; each value that varies comes from the environment.

Environment variables:
    DATABASE_URL            database (default: SQLite file db.sqlite3 in the project folder)
    SECRET_KEY              required in production
    ALLOWED_HOSTS           comma-separated host names
    DEBUG                   "1"/"true" to enable
    SEARCH_BACKEND          "database" (default) or "elasticsearch" (needs ELASTICSEARCH_URL)
    ELASTICSEARCH_URL       the Elasticsearch 8 node, e.g. http://127.0.0.1:9200
    ELASTICSEARCH_INDEX     the alias of the public search index (default rahnuma-search)
    SEARCH_LOG_WRITE_SECONDS how often each process writes its search counts (default 10; 0: every search)
    RAHNUMA_PLUGINS_EXCLUDE comma-separated plugin entry-point names to leave out
    MEDIA_ROOT, STATIC_ROOT where uploads and collected static files go
    PACK_UPLOAD_ROOT        where partners' uploaded pack zips are kept (never served)
    RAHNUMA_RESUME_CODE_DAYS how long a learner's resume code works (default 30 days)
    RAHNUMA_CONTENT_MAX_AGE_DAYS content last verified longer ago is flagged for re-checking (default 365)
    RAHNUMA_KIOSK_HOSTS     comma-separated host names that are shared kiosks (default kiosk.localhost)
    RAHNUMA_KIOSK_IDLE_SECONDS, RAHNUMA_KIOSK_PROMPT_SECONDS
                            on a kiosk, idle time before "Still there?" and its countdown (default 180, 30)
    RAHNUMA_RATE_LIMIT_SCALE multiplies every rate and guessing limit (default 1; the quiz benchmark raises it)
    REDIS_URL or CACHE_URL  a Redis server shared by every app server (default: local memory per process)
    SESSION_ENGINE          where sessions live (default django.contrib.sessions.backends.db; or .cache, .cached_db)
    AWS_STORAGE_BUCKET_NAME media and pack uploads in this S3-compatible bucket (cms.settings.backends), with
                            AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_S3_CUSTOM_DOMAIN, AWS_ACCESS_KEY_ID, ...
    RAHNUMA_PAGE_CACHE      "0" turns the cache of anonymous visitors' pages off (cms.core.page_cache), and
                            the kept lists of the contacts directory; RAHNUMA_PAGE_CACHE_SECONDS (300)
                            is the longest an entry lives
    READ_ALOUD_ON_PUBLISH   "0" stops generating read-aloud speech on publishing (cms.readaloud; default on)
    CSP_MEDIA_SOURCES, CSP_FRAME_SOURCES  more origins the site's Content-Security-Policy allows for
                            media and frames (comma-separated; cms.core.security_headers)
"""

import os
from pathlib import Path

import dj_database_url
from django.conf import locale as django_locale

from cms.locales import BIDI_LANGUAGE_CODES
from cms.locales import LANGUAGES as ENGINE_LANGUAGES
from cms.plugins.discovery import discover_plugins, excluded_from_environment
from cms.settings.backends import cache_settings, media_origins, storage_settings

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
    "cms.h5p",
    "cms.partners",
    "cms.centres",
    "cms.outreach",
    "cms.counselling",
    "cms.indicators",
    "cms.readaloud",
    "cms.verification",
    "search",
    "themes",
    "themes.web",
    "themes.kiosk",
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
    # The H5P content origin (its own host) is answered here, without sessions or cookies (cms.h5p.origin).
    "cms.h5p.origin.H5POriginMiddleware",
    # /healthz answers here, before anything that needs a host name, a site or a session (cms.core.health).
    "cms.core.health.HealthCheckMiddleware",
    "cms.core.site_lookup.SiteLookupMiddleware",
    # Which theme the site has, for the template loader (themes.loader); needs the site found above.
    "themes.current.ThemeMiddleware",
    "cms.core.security_headers.SecurityHeadersMiddleware",
    "cms.core.request_size.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.core.page_routes.PageRouteMiddleware",
    # Last, so that it sees the session, CSRF and message middleware's work (cms.core.page_cache).
    "cms.core.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            # Each site's theme first, then the web theme and the apps' templates (themes.loader); cached.
            "loaders": [("themes.loader.Loader", ["django.template.loaders.app_directories.Loader"])],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.core.page_cache.csrf_placeholder",
            ],
        },
    },
]

DATABASES = {
    # Connections are kept between requests (CONN_MAX_AGE seconds, checked before reuse): opening one
    # per request, with the SQLite pragmas below, took a quarter of a busy worker's time.
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, whose writers take turns before asking for SQLite's lock (cms.core.sqlite_backend).
    DATABASES["default"]["ENGINE"] = "cms.core.sqlite_backend"
    # Learners write at the same moment (a double-tapped answer, two tabs, a room of kiosks). WAL lets
    # readers go on while one writes; IMMEDIATE takes the write lock when a transaction starts, so a
    # waiting writer queues (up to `timeout` seconds) instead of failing with "database is locked".
    # Reads go through a memory map of the file (shared by every process through the OS's page cache)
    # and a larger page cache per connection: full-text search reads many index pages per query.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456; PRAGMA cache_size=-16000"
        ),
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
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # The Nastaliq font cut down to the site's Urdu and Punjabi, built when missing or stale (themes.fonts).
    "themes.finders.NastaliqSubsetFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media and partners' uploaded packs: local folders, or an S3-compatible bucket (cms.settings.backends).
STORAGES = storage_settings(os.environ, BASE_DIR)

WAGTAIL_SITE_NAME = "Rahnuma"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf"]
# The admin would ask releases.wagtail.org for news from editors' browsers: not on a closed network or under the CSP.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Counters of failed resume-code and login attempts and of rate-limited posts live in "default"
# (cms.learning.throttle), anonymous visitors' pages in "pages" (cms.core.page_cache). Local memory counts
# per process: with several server processes, set REDIS_URL so that they share one Redis.
CACHES = cache_settings(os.environ)
SESSION_ENGINE = os.environ.get("SESSION_ENGINE", "django.contrib.sessions.backends.db")

# Whole pages for anonymous visitors (cms.core.page_cache). Publishing empties it at once; the
# check interval is how stale another worker or server may be, the lifetime what a change made
# without signals may leave.
RAHNUMA_PAGE_CACHE = env_bool("RAHNUMA_PAGE_CACHE", default=True)
RAHNUMA_PAGE_CACHE_SECONDS = int(os.environ.get("RAHNUMA_PAGE_CACHE_SECONDS", "300"))
RAHNUMA_PAGE_CACHE_CHECK_SECONDS = float(os.environ.get("RAHNUMA_PAGE_CACHE_CHECK_SECONDS", "1"))

# Security headers. Django's own: nosniff, a referrer policy, no framing (X-Frame-Options; CSP's
# frame-ancestors says the same). The Content-Security-Policy (cms.core.security_headers) allows
# only the site's own scripts and styles: the templates have no inline script or style attribute.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_MEDIA_SOURCES = [*media_origins(os.environ), *env_list("CSP_MEDIA_SOURCES")]
# H5P activities play from their own origin (cms.h5p), so that their script cannot reach the site's
# pages or cookies; the site's pages frame it. H5P_ORIGIN: scheme, host and port, no trailing slash.
H5P_ORIGIN = os.environ.get("H5P_ORIGIN", "http://h5p.localhost:8000")
H5P_ROOT = Path(os.environ.get("H5P_ROOT", BASE_DIR / "var" / "h5p"))  # unpacked libraries and media
H5P_TOKEN_SECONDS = int(os.environ.get("H5P_TOKEN_SECONDS", "7200"))  # how long a player link works
H5P_ACTIVITY_IRI_BASE = os.environ.get("H5P_ACTIVITY_IRI_BASE", "https://rahnuma.example/h5p/activities/")
# Optional forwarding of xAPI statements to an external Learning Record Store (cms.h5p.lrs).
H5P_LRS_URL = os.environ.get("H5P_LRS_URL", "")
H5P_LRS_USERNAME = os.environ.get("H5P_LRS_USERNAME", "")
H5P_LRS_PASSWORD = os.environ.get("H5P_LRS_PASSWORD", "")
RAHNUMA_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *_MEDIA_SOURCES],
    "media-src": ["'self'", *_MEDIA_SOURCES],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", H5P_ORIGIN, *env_list("CSP_FRAME_SOURCES")],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin's own scripts and styles are partly inline, and it frames its own previews.
RAHNUMA_ADMIN_CSP_PATHS = ["/admin/"]
RAHNUMA_ADMIN_CSP = {
    **RAHNUMA_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *_MEDIA_SOURCES],
    "frame-ancestors": ["'self'"],
}

# Upload limits. Request bodies in memory and form fields are Django's defaults, stated; larger
# files go to a temporary file. No request body may exceed RAHNUMA_MAX_REQUEST_BYTES (413; the
# largest upload is a pack zip, capped by course_packs.archive); images are checked for size and pixels.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
RAHNUMA_MAX_REQUEST_BYTES = int(os.environ.get("RAHNUMA_MAX_REQUEST_BYTES", str(60 * 1024 * 1024)))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# How long a learner's resume code (cms.learning.resume_codes) works after it is made.
RAHNUMA_RESUME_CODE_DAYS = int(os.environ.get("RAHNUMA_RESUME_CODE_DAYS", "30"))

# Guide sections, lessons and contacts last verified against their sources more than this many days
# ago (or never) are listed for editors to re-check (cms.verification, Reports > Content to re-check).
RAHNUMA_CONTENT_MAX_AGE_DAYS = int(os.environ.get("RAHNUMA_CONTENT_MAX_AGE_DAYS", "365"))

# Read aloud (cms.readaloud): speech is generated with espeak-ng once a guide section or lesson is
# published, unless one transaction published more than READ_ALOUD_PUBLISH_LIMIT pages (a pack
# install: seconds a page would slow it down). Those, and all with READ_ALOUD_ON_PUBLISH off, wait for
# `manage.py read_aloud` (cron).
READ_ALOUD_ON_PUBLISH = env_bool("READ_ALOUD_ON_PUBLISH", default=True)
READ_ALOUD_PUBLISH_LIMIT = int(os.environ.get("READ_ALOUD_PUBLISH_LIMIT", "6"))

# Shared screens at a centre (cms.learning.kiosk): after this long untouched they ask "Still there?",
# and when nobody answers within the countdown they finish and clear the learner's session.
RAHNUMA_KIOSK_HOSTS = env_list("RAHNUMA_KIOSK_HOSTS", "kiosk.localhost")
RAHNUMA_KIOSK_IDLE_SECONDS = int(os.environ.get("RAHNUMA_KIOSK_IDLE_SECONDS", "180"))
RAHNUMA_KIOSK_PROMPT_SECONDS = int(os.environ.get("RAHNUMA_KIOSK_PROMPT_SECONDS", "30"))

# Multiplies every limit of cms.learning.throttle. The quiz benchmark (bench/quiz_load.py) raises it: its
# simulated learners all post from one address, far faster than people do. Leave it at 1 on a real site.
RAHNUMA_RATE_LIMIT_SCALE = float(os.environ.get("RAHNUMA_RATE_LIMIT_SCALE", "1"))

# The public search (search/): "database" (Wagtail's search on this database) or "elasticsearch"
# (ELASTICSEARCH_URL; its index is the alias ELASTICSEARCH_INDEX). The admin always searches the database.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "rahnuma-search")
# How often each process writes the search counts it holds (search.querylog); 0 writes every search at once.
SEARCH_LOG_WRITE_SECONDS = float(os.environ.get("SEARCH_LOG_WRITE_SECONDS", "10"))
if SEARCH_BACKEND not in {"database", "elasticsearch"} or (SEARCH_BACKEND == "elasticsearch" and not ELASTICSEARCH_URL):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_BACKEND!r} is not available; use 'database', or 'elasticsearch' with ELASTICSEARCH_URL"
    )
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
