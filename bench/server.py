"""The demo site served for a benchmark: its own database and folders, production settings, gunicorn on loopback.

    environment = demo_environment(workdir)
    prepare_demo_site(environment)          # migrate, demo_setup, collectstatic (about a minute)
    with running_server(environment) as (url, server):
        ...                                 # drive http://127.0.0.1:PORT from this process

The server runs in its own processes (gunicorn's workers), so what drives it measures it from outside,
as a learner's phone would. Nothing here imports Django: the settings are the server's business.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
# Generous: the first request imports Django and Wagtail in each worker on a busy 2-core machine.
START_TIMEOUT_SECONDS = 120


def demo_environment(workdir: Path) -> dict[str, str]:
    """Environment variables for a production-settings site whose every file lives in ``workdir``."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "HTTPS": "0",  # plain HTTP on loopback: cookies must not be marked Secure or the client drops them
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "PACK_UPLOAD_ROOT": str(workdir / "pack-uploads"),
        # The simulated learners all come from 127.0.0.1, far faster than people: the limits stay in the
        # path of every request (their cost is measured) but this many posts from one address pass.
        "RAHNUMA_RATE_LIMIT_SCALE": "1000000",
    }


def database_path(environment: dict[str, str]) -> Path:
    return Path(environment["DATABASE_URL"].removeprefix("sqlite:///"))


def prepare_demo_site(environment: dict[str, str]) -> None:
    """The demo content (every first-party plugin's packs) in a new database, and the static files collected."""
    for command in (["migrate", "--noinput"], ["demo_setup"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=PROJECT, env=environment, check=True, stdout=subprocess.DEVNULL
        )


@contextmanager
def running_server(environment: dict[str, str], workers: int = 2, threads: int = 4, port: int | None = None):
    """``make serve``'s gunicorn (cms/gunicorn.conf.py) on ``port`` (default: a free loopback port); yields its
    base URL and the server process, and stops it afterwards."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "cms/gunicorn.conf.py", "--log-level=warning"],
        cwd=PROJECT,
        env={
            **environment,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_THREADS": str(threads),
        },
    )
    try:
        _wait_until_serving(url, server)
        yield url, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def worker_memory_mb(server: subprocess.Popen) -> list[float]:
    """The resident memory of each of the gunicorn master's worker processes, in MB (Linux /proc)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [_resident_mb(int(pid)) for pid in children]


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode} before serving")
        try:
            with urllib.request.urlopen(f"{url}/en/", timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"the server at {url} did not answer within {START_TIMEOUT_SECONDS} s")
