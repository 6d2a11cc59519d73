#!/usr/bin/env python3
"""Run a command against a throwaway Redis server, then stop the server and delete its folder.

Usage: scripts/with_redis.py COMMAND [ARGUMENT...]

    scripts/with_redis.py .venv/bin/pytest -m redis
    scripts/with_postgres.py scripts/with_redis.py .venv/bin/pytest -m "postgres or redis"

The server is Debian's redis-server (installed with apt-get when missing and running as root).
It listens on 127.0.0.1 only, on a free port, keeps nothing on disk (no snapshots, no append-only
file) and works in a new temporary folder. The command runs with REDIS_URL=redis://127.0.0.1:PORT/0
and its exit status is the script's. Afterwards, whether the command succeeded, failed or was
interrupted (Ctrl-C, SIGTERM, SIGHUP), the server is stopped by its process id and the folder
removed, so no other Redis server on the machine is ever touched. As root the server runs as the
system user `rahnuma-redis` (created when missing), otherwise as the current user.

Standard library only, so that it runs with any Python 3.11, inside or outside the virtualenv.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER_USER = "rahnuma-redis"
HOST = "127.0.0.1"
START_TIMEOUT_SECONDS = 20
STOP_TIMEOUT_SECONDS = 10
# Nothing kept between runs: no RDB snapshots, no append-only file; and no outside address ever.
SERVER_OPTIONS = ("--bind", HOST, "--protected-mode", "yes", "--save", "", "--appendonly", "no", "--daemonize", "no")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class ServerError(RuntimeError):
    """The throwaway server could not be installed, started or stopped; the message says which and why."""


def find_server() -> str:
    """Debian's redis-server, installed with apt-get first when it is missing and we are root."""
    executable = shutil.which("redis-server")
    if executable:
        return executable
    if os.geteuid() != 0:
        raise ServerError("redis-server is missing; as root run: apt-get update && apt-get install -y redis-server")
    for step in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "redis-server"]):
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode != 0:
            raise ServerError(f"{' '.join(step)} failed:\n{result.stdout}{result.stderr}")
    executable = shutil.which("redis-server")
    if not executable:
        raise ServerError("apt-get installed redis-server but it is not on PATH")
    return executable


def server_user() -> str | None:
    """The user to run the server as: None (the current user) unless we are root."""
    if os.geteuid() != 0:
        return None
    if not _user_exists(SERVER_USER):
        created = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER],
            capture_output=True,
            text=True,
        )
        # Another run may have created the user at the same moment; only a user still missing is an error.
        if created.returncode != 0 and not _user_exists(SERVER_USER):
            raise ServerError(f"useradd {SERVER_USER} failed: {created.stderr.strip()}")
    return SERVER_USER


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def free_port() -> int:
    """A loopback port that nothing listens on right now (the kernel picks it)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a server in a new temporary folder, yield its URL, then stop it and delete the folder."""
    executable = find_server()
    user = server_user()
    folder = Path(tempfile.mkdtemp(prefix="rahnuma-redis-"))
    server = None
    try:
        if user:
            shutil.chown(folder, user=user)
        port = free_port()
        with (folder / "server.log").open("w") as log:
            server = subprocess.Popen(
                [executable, "--port", str(port), "--dir", str(folder), *SERVER_OPTIONS],
                cwd=folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                user=user,  # the child switches user itself, so `server.pid` is the server's own id
                start_new_session=True,  # Ctrl-C in the terminal reaches us, and we stop the server in order
            )
        _wait_until_ready(server, port, folder)
        yield f"redis://{HOST}:{port}/0"
    finally:
        with _signals_ignored():
            if server is not None:
                _stop(server, folder)
            shutil.rmtree(folder)


def _wait_until_ready(server: subprocess.Popen, port: int, folder: Path):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerError(f"redis-server exited with status {server.returncode}:\n{_log(folder)}")
        if _answers_ping(port):
            return
        time.sleep(0.05)
    raise ServerError(f"redis-server did not answer within {START_TIMEOUT_SECONDS} s:\n{_log(folder)}")


def _answers_ping(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _stop(server: subprocess.Popen, folder: Path):
    """Stop the server we started, by its process id; a server that ignores SIGTERM is killed."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        print(f"with_redis: redis-server did not stop within {STOP_TIMEOUT_SECONDS} s; killed it", file=sys.stderr)


def _log(folder: Path) -> str:
    log = folder / "server.log"
    return log.read_text(errors="replace") if log.exists() else "(no server log)"


@contextmanager
def _signals_ignored():
    """Let the clean-up finish when an impatient user presses Ctrl-C again."""
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def run_command(argv: list[str], redis_url: str) -> int:
    """Run the command with REDIS_URL set; its exit status as a shell reports it."""
    try:
        completed = subprocess.run(argv, env={**os.environ, "REDIS_URL": redis_url})
    except OSError as error:
        print(f"with_redis: {argv[0]}: {error.strerror}", file=sys.stderr)
        return 127
    # A command killed by a signal reports minus its number; shells report 128 plus it.
    return completed.returncode if completed.returncode >= 0 else 128 - completed.returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__, file=sys.stderr)
        return 0 if argv else 2
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    try:
        with throwaway_server() as redis_url:
            print(f"with_redis: REDIS_URL={redis_url}", file=sys.stderr)
            return run_command(argv, redis_url)
    except ServerError as error:
        print(f"with_redis: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 128 + signal.SIGINT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
