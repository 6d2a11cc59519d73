"""Settings for the test suite: an in-memory-fast setup plus the dummy plugin of the tests."""

import sys
from pathlib import Path

# The test suite's dummy plugin is "installed" by a dist-info folder on the path, so that plugin
# discovery runs for real (entry points) before the base settings read it.
_TEST_DISTRIBUTIONS = Path(__file__).resolve().parents[2] / "tests" / "distributions"
if str(_TEST_DISTRIBUTIONS) not in sys.path:
    sys.path.insert(0, str(_TEST_DISTRIBUTIONS))

from cms.settings.base import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "pack_uploads": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Speech synthesis takes seconds per page; the read-aloud tests turn it on (tests/test_read_aloud*.py).
READ_ALOUD_ON_PUBLISH = False
# Tests run inside transactions that never commit: read the page cache's generation on every request.
RAHNUMA_PAGE_CACHE_CHECK_SECONDS = 0
