"""Production serving: gunicorn's configuration, WhiteNoise's static files, /healthz, and `check --deploy`."""

import json
import os
import runpy
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from django.test import Client

from tests.http_stub import serving

ROOT = Path(__file__).resolve().parents[1]
GUNICORN_CONF = ROOT / "cms" / "gunicorn.conf.py"


def production_environment(**env) -> dict:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests in this process (Playwright's event loop);
    # a production server never has it, and `check --deploy` rightly refuses it.
    left_out = {"DEBUG", "REDIS_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in left_out}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY=secrets.token_urlsafe(50), **env)
    return environment


def test_gunicorn_takes_workers_threads_and_address_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("GUNICORN_THREADS", "3")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000, unix:/run/rahnuma.sock")
    config = runpy.run_path(str(GUNICORN_CONF))
    assert (config["workers"], config["threads"], config["worker_class"]) == (5, 3, "gthread")
    assert config["bind"] == ["0.0.0.0:9000", "unix:/run/rahnuma.sock"]
    assert config["wsgi_app"] == "cms.wsgi:application"
    assert not config["reuse_port"], "a unix socket is one socket for every worker"


def test_gunicorn_defaults_to_two_workers_on_loopback(monkeypatch):
    for variable in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND"):
        monkeypatch.delenv(variable, raising=False)
    config = runpy.run_path(str(GUNICORN_CONF))
    assert (config["workers"], config["bind"]) == (2, ["127.0.0.1:8000"])
    assert config["reuse_port"], "each worker listens on its own socket, and the kernel spreads the connections"


def test_check_deploy_is_clean_with_the_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=production_environment(HTTPS="1"),
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(("https", "expected"), [("1", [True, True, True, 31536000, True]), ("0", [False] * 3 + [0])])
def test_https_turns_on_secure_cookies_the_redirect_and_hsts(https, expected):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS] + ([s.SECURE_HSTS_INCLUDE_SUBDOMAINS] if s.SECURE_HSTS_SECONDS else [])))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=production_environment(HTTPS=https), cwd=ROOT
    )
    assert json.loads(result.stdout) == expected, result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_production_server_serves_fingerprinted_compressed_static_files_and_its_health(tmp_path):
    """What `make serve` runs: collectstatic, then gunicorn with cms/gunicorn.conf.py and two workers."""
    port = free_port()
    environment = production_environment(
        HTTPS="0",
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        check=True,
        env=environment,
        cwd=ROOT,
    )
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    css = manifest["paths"]["web/css/site.css"]
    assert css != "web/css/site.css" and (tmp_path / "static" / f"{css}.gz").exists()

    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", str(GUNICORN_CONF)],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        status, headers, body = _wait_for_health(port, server)
        assert status == 200 and json.loads(body) == {"status": "ok", "checks": {"database": "ok"}}
        assert "no-store" in headers["Cache-Control"] and headers["Set-Cookie"] is None

        status, headers, body = fetch(f"http://127.0.0.1:{port}/static/{css}", **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]
        assert _worker_count_settles_at(server.pid, 2)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for_health(port, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {server.stderr.read().decode(errors='replace')}")
        try:
            return fetch(f"http://127.0.0.1:{port}/healthz")
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer in time")


def _worker_count_settles_at(master: int, expected: int, seconds=10) -> bool:
    """Whether the master's children reach the expected count and stay there.

    gunicorn forks its workers with a short random pause between them, so the first may answer
    the health check before the second exists.
    """
    children = Path(f"/proc/{master}/task/{master}/children")
    deadline = time.monotonic() + seconds
    while len(children.read_text().split()) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    return len(children.read_text().split()) == expected


@pytest.mark.django_db
def test_health_is_plain_json_never_cached_and_sets_no_cookie():
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-store" in response["Cache-Control"] and not response.cookies
    assert Client().post("/healthz").status_code == 405


@pytest.mark.django_db
def test_health_fails_when_the_configured_shared_cache_does_not_answer(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "ok", "cache": "error"}}


class FakeElasticsearch(BaseHTTPRequestHandler):
    status = "green"
    seen = []

    def do_GET(self):
        type(self).seen.append((self.path, self.headers.get("Authorization")))
        body = json.dumps({"cluster_name": "test", "status": type(self).status}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def elasticsearch():
    FakeElasticsearch.seen = []
    with serving(FakeElasticsearch) as server:
        yield server


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cluster", "status", "result"), [("green", 200, "ok"), ("yellow", 200, "ok"), ("red", 503, "error")]
)
def test_health_asks_elasticsearch_for_its_cluster_health(settings, elasticsearch, cluster, status, result):
    FakeElasticsearch.status = cluster
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://search:s3cret@127.0.0.1:{elasticsearch.server_port}/"
    response = Client().get("/healthz")
    assert response.status_code == status and response.json()["checks"]["elasticsearch"] == result
    path, authorization = FakeElasticsearch.seen[-1]
    assert path == "/_cluster/health" and authorization == "Basic c2VhcmNoOnMzY3JldA=="  # search:s3cret


@pytest.mark.django_db
def test_health_fails_when_elasticsearch_is_down_or_not_configured(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    assert Client().get("/healthz").json()["checks"]["elasticsearch"] == "error"
    settings.ELASTICSEARCH_URL = ""
    assert Client().get("/healthz").status_code == 503


@pytest.mark.redis
@pytest.mark.django_db
def test_health_checks_the_redis_cache_when_one_is_configured():
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json()["checks"]["cache"] == "ok"


@pytest.mark.django_db
def test_the_service_worker_is_served_with_the_production_static_storage(settings, site):
    """Production's manifest storage knows only real files: the worker's script must not ask it for anything else."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    response = Client().get("/sw.js")
    assert response.status_code == 200 and f'"{settings.STATIC_URL}"' in response.content.decode()


def test_the_masters_warm_up_builds_what_first_requests_would_without_the_database():
    """cms.core.warm_up, run by gunicorn's master before forking. No ``db`` fixture: a query would fail the test."""
    from django.template import engines
    from django.urls import clear_url_caches, get_resolver

    from cms.core.warm_up import project_templates, warm_up

    (template_loader,) = engines["django"].engine.template_loaders
    template_loader.reset()
    clear_url_caches()

    warm_up()

    compiled = {key.split(":", 1)[1] for key in template_loader.get_template_cache}
    names = project_templates()
    assert "base.html" in names and "rahnuma_learning/includes/quiz_review.html" in names
    assert not any(name.startswith(("wagtailadmin/", "admin/")) for name in names), "only the project's own"
    assert compiled >= set(names)
    assert {"en", "ur", "pnb"} <= set(get_resolver()._reverse_dict), "each language's URL tables are built"
