"""App servers keep no state of their own: the environment picks a shared cache, session store and file storage."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.backends import LOCAL_MEMORY, REDIS, S3, cache_settings, media_origins, storage_settings

ROOT = Path(__file__).resolve().parents[1]
BUCKET = {
    "AWS_STORAGE_BUCKET_NAME": "rahnuma-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
}


def settings_in_subprocess(code: str, **env) -> dict:
    """Run ``code`` (which prints JSON) with the dev settings loaded under ``env``; its output, parsed."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "REDIS_", "CACHE_", "SESSION_"))}
    environment.update(env, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_redis_url_each_process_caches_in_local_memory():
    caches = cache_settings({})
    assert {alias: cache["BACKEND"] for alias, cache in caches.items()} == {
        "default": LOCAL_MEMORY,
        "pages": LOCAL_MEMORY,
    }
    assert caches["default"]["LOCATION"] != caches["pages"]["LOCATION"]  # pages cannot crowd out throttle counters


@pytest.mark.parametrize("variable", ["REDIS_URL", "CACHE_URL"])
def test_a_redis_url_makes_every_cache_shared(variable):
    caches = cache_settings({variable: "redis://cache.internal:6379/1"})
    assert {cache["BACKEND"] for cache in caches.values()} == {REDIS}
    assert {cache["LOCATION"] for cache in caches.values()} == {"redis://cache.internal:6379/1"}
    assert caches["default"]["KEY_PREFIX"] != caches["pages"]["KEY_PREFIX"]


def test_a_cache_url_that_is_not_redis_is_refused_without_showing_its_password():
    with pytest.raises(ImproperlyConfigured, match=r"must be a Redis URL .* not memcached://") as refused:
        cache_settings({"CACHE_URL": "memcached://user:secret@cache:11211"})
    assert "secret" not in str(refused.value)


def test_without_a_bucket_files_stay_in_local_folders(tmp_path):
    storages = storage_settings({"PACK_UPLOAD_ROOT": str(tmp_path)}, tmp_path)
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["pack_uploads"]["OPTIONS"] == {"location": tmp_path, "base_url": None}


def test_a_bucket_puts_media_and_uploaded_packs_in_separate_folders_of_it(tmp_path):
    storages = storage_settings(BUCKET, tmp_path)
    media, uploads = storages["default"], storages["pack_uploads"]
    assert media["BACKEND"] == uploads["BACKEND"] == S3
    assert (media["OPTIONS"]["location"], uploads["OPTIONS"]["location"]) == ("media", "pack-uploads")
    assert media["OPTIONS"]["querystring_auth"] is False  # public media, plain URLs that cached pages can keep
    assert uploads["OPTIONS"]["querystring_auth"] is True and "custom_domain" not in uploads["OPTIONS"]
    assert media["OPTIONS"]["file_overwrite"] is False
    assert media_origins(BUCKET) == ["https://media.example.org"]


def test_the_settings_select_s3_from_the_environment_and_build_working_storages():
    found = settings_in_subprocess(
        "import json; from django.conf import settings; from django.core.files.storage import storages; "
        "media = storages['default']; "
        "print(json.dumps({'backend': settings.STORAGES['default']['BACKEND'], "
        "'class': type(media).__name__, 'bucket': media.bucket_name, 'url': media.url('original_images/a.png'), "
        "'uploads': storages['pack_uploads'].location, 'csp': settings.RAHNUMA_CSP['img-src']}))",
        **BUCKET,
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert found["backend"] == S3 and found["class"] == "S3Storage" and found["bucket"] == "rahnuma-media"
    assert found["url"] == "https://media.example.org/media/original_images/a.png"
    assert found["uploads"] == "pack-uploads" and "https://media.example.org" in found["csp"]


def test_sessions_stay_in_the_database_unless_the_environment_says_otherwise():
    code = "import json; from django.conf import settings; print(json.dumps(settings.SESSION_ENGINE))"
    assert settings_in_subprocess(code) == "django.contrib.sessions.backends.db"
    cached = settings_in_subprocess(code, SESSION_ENGINE="django.contrib.sessions.backends.cache")
    assert cached == "django.contrib.sessions.backends.cache"
