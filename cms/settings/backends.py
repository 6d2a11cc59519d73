"""The shared services an app server uses, chosen from the environment: the cache and the file storages.

An app server keeps nothing of its own: with ``REDIS_URL`` (or ``CACHE_URL``) every server shares
one Redis for the cache (throttle counters, the page cache, and sessions when SESSION_ENGINE says
so); with ``AWS_STORAGE_BUCKET_NAME`` uploads go to an S3-compatible bucket. Without them a single
server uses local memory and local folders::

    CACHES = cache_settings(os.environ)
    STORAGES = storage_settings(os.environ, BASE_DIR)
"""

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "django.core.cache.backends.redis.RedisCache"
S3 = "storages.backends.s3.S3Storage"
FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
REDIS_SCHEMES = ("redis", "rediss", "unix")
# Local memory is per process and unbounded pages would crowd out the throttle counters: pages get their own.
LOCAL_PAGE_ENTRIES = 5_000
# Folders ("prefixes") of the bucket: media may be public, partners' uploaded packs never are.
MEDIA_PREFIX = "media"
PACK_UPLOAD_PREFIX = "pack-uploads"


def cache_settings(environ: Mapping[str, str]) -> dict:
    """CACHES: "default" (counters, sessions in cache) and "pages" (cms.core.page_cache)."""
    url = environ.get("CACHE_URL") or environ.get("REDIS_URL") or ""
    if not url:
        return {
            "default": {"BACKEND": LOCAL_MEMORY, "LOCATION": "rahnuma-default"},
            "pages": {
                "BACKEND": LOCAL_MEMORY,
                "LOCATION": "rahnuma-pages",
                "OPTIONS": {"MAX_ENTRIES": LOCAL_PAGE_ENTRIES},
            },
        }
    if urlsplit(url).scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"CACHE_URL/REDIS_URL must be a Redis URL (redis://, rediss://, unix://), not {urlsplit(url).scheme}://"
        )
    return {
        "default": {"BACKEND": REDIS, "LOCATION": url, "KEY_PREFIX": "rahnuma"},
        "pages": {"BACKEND": REDIS, "LOCATION": url, "KEY_PREFIX": "rahnuma-pages"},
    }


def storage_settings(environ: Mapping[str, str], base_dir: Path) -> dict:
    """STORAGES: "default" (media: images, documents), "pack_uploads" (never served) and "staticfiles"."""
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {
            "default": {"BACKEND": FILE_SYSTEM},  # in MEDIA_ROOT, served at MEDIA_URL
            "staticfiles": static,
            # Uploaded packs are checked, then kept for the record; with no base URL they cannot be served.
            "pack_uploads": {
                "BACKEND": FILE_SYSTEM,
                "OPTIONS": {
                    "location": Path(environ.get("PACK_UPLOAD_ROOT") or base_dir / "var" / "pack-uploads"),
                    "base_url": None,
                },
            },
        }
    # Credentials are not settings: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or a role) itself.
    bucket_options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,  # for S3-compatible stores (MinIO, Ceph, ...)
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "file_overwrite": False,  # Wagtail relies on new names for new files, as on a file system
        "default_acl": None,  # the bucket's policy decides who reads what
    }
    return {
        "default": {
            "BACKEND": S3,
            "OPTIONS": {
                **bucket_options,
                "location": MEDIA_PREFIX,
                "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                # Plain URLs: cached pages outlive signed ones, and public media need no signature.
                "querystring_auth": False,
            },
        },
        "staticfiles": static,
        "pack_uploads": {
            "BACKEND": S3,
            "OPTIONS": {**bucket_options, "location": PACK_UPLOAD_PREFIX, "querystring_auth": True},
        },
    }


def media_origins(environ: Mapping[str, str]) -> list[str]:
    """Where pages load media from besides the site itself, for the Content-Security-Policy."""
    domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip()
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip()
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return []
    if domain:
        return [f"https://{domain}"]
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}"]
    return ["https://*.amazonaws.com"]  # AWS's own host names vary with region and style; a custom domain is tighter
