#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL server, then stop the server and delete it.

Usage: scripts/with_postgres.py COMMAND [ARGUMENT...]

    scripts/with_postgres.py .venv/bin/pytest -m postgres
    scripts/with_postgres.py .venv/bin/python manage.py runserver

The server comes from Debian's PostgreSQL package (/usr/lib/postgresql/VERSION/bin, the newest
version installed). Its cluster lives in a new temporary folder, listens on 127.0.0.1 only, on a
free port, with its socket in that folder; it trusts local connections and has one database,
`rahnuma`. The command runs with DATABASE_URL=postgres://postgres@127.0.0.1:PORT/rahnuma and its
exit status is the script's. Afterwards, whether the command succeeded, failed or was interrupted
(Ctrl-C, SIGTERM, SIGHUP), the server is stopped through its data folder and the folder removed,
so no other PostgreSQL server on the machine is ever touched. PostgreSQL refuses to run as root:
as root the server runs as the system user `rahnuma-pg` (created when missing), otherwise as the
current user.

Standard library only, so that it runs with any Python 3.11, inside or outside the virtualenv.
"""

import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEBIAN_POSTGRESQL = Path("/usr/lib/postgresql")
SERVER_USER = "rahnuma-pg"
SUPERUSER = "postgres"
DATABASE = "rahnuma"
HOST = "127.0.0.1"
# Trust without passwords is fine for a server that lives for one command and listens on loopback only;
# UTF-8 with a Unicode-aware locale, as Urdu and Punjabi text need.
INITDB_OPTIONS = ("-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions")
# Durability is pointless for a cluster deleted after the run, and turning it off makes tests faster.
THROWAWAY_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")
# Signals that end the script; each unwinds like Ctrl-C so that the server is always stopped.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class ClusterError(RuntimeError):
    """The throwaway server could not be set up or stopped; the message names the step and why."""


def find_bin_dir(root: Path = DEBIAN_POSTGRESQL) -> Path:
    """The bin folder of the newest PostgreSQL server installed the Debian way under `root`."""
    versions = {}
    for pg_ctl in root.glob("*/bin/pg_ctl"):
        parts = pg_ctl.parent.parent.name.split(".")
        if all(part.isdigit() for part in parts):
            versions[tuple(map(int, parts))] = pg_ctl.parent
    if not versions:
        raise ClusterError(f"no PostgreSQL server in {root}/VERSION/bin: install one (apt-get install postgresql)")
    return versions[max(versions)]


def server_user() -> str | None:
    """The user to run the server as: None (the current user) unless we are root, whom PostgreSQL refuses."""
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
            raise ClusterError(f"useradd {SERVER_USER} failed: {created.stderr.strip()}")
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
def throwaway_cluster() -> Iterator[str]:
    """Start a new cluster in a temporary folder, yield its database URL, then stop it and delete the folder."""
    bin_dir = find_bin_dir()
    user = server_user()
    folder = Path(tempfile.mkdtemp(prefix="rahnuma-pg-"))
    data = folder / "data"
    try:
        if user:
            shutil.chown(folder, user=user)
        _run([bin_dir / "initdb", "-D", data, *INITDB_OPTIONS], "initdb", user, folder)
        port = free_port()
        _start(bin_dir, data, port, user, folder)
        _run([bin_dir / "createdb", "-h", HOST, "-p", port, "-U", SUPERUSER, DATABASE], "createdb", None, folder)
        yield f"postgres://{SUPERUSER}@{HOST}:{port}/{DATABASE}"
    finally:
        with _signals_ignored():
            _stop(bin_dir, data, user, folder)
            shutil.rmtree(folder)


def _start(bin_dir: Path, data: Path, port: int, user: str | None, folder: Path):
    options = ["-p", str(port), "-k", str(folder), "-c", f"listen_addresses={HOST}"]
    for setting in THROWAWAY_SETTINGS:
        options += ["-c", setting]
    log = folder / "server.log"
    try:
        # pg_ctl hands -o to a shell, hence the quoting.
        _run(
            [bin_dir / "pg_ctl", "-D", data, "-l", log, "-o", shlex.join(options), "-w", "start"],
            "pg_ctl start",
            user,
            folder,
        )
    except ClusterError as error:
        server_log = log.read_text(errors="replace") if log.exists() else "(no server log)"
        raise ClusterError(f"{error}\n{server_log}") from None


def _stop(bin_dir: Path, data: Path, user: str | None, folder: Path):
    """Stop the server that owns this data folder, if one runs; fast shutdown cuts open sessions."""
    if not (data / "postmaster.pid").exists():
        return
    try:
        _run([bin_dir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], "pg_ctl stop", user, folder)
    except ClusterError as error:
        # Deleting the folder of a server that may still run would only hide it; leave both to look at.
        raise ClusterError(f"{error}\nthe server's folder {folder} is left in place") from None


def _run(argv: list, step: str, user: str | None, folder: Path):
    """Run one step quietly in the cluster's folder (readable by the server user); raise with its output if it fails."""
    command = [str(arg) for arg in argv]
    if user:
        command = ["runuser", "-u", user, "--", *command]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        raise ClusterError(f"{step} failed (exit status {result.returncode}):\n{result.stdout}{result.stderr}")


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


def run_command(argv: list[str], database_url: str) -> int:
    """Run the command with DATABASE_URL set; its exit status as a shell reports it."""
    try:
        completed = subprocess.run(argv, env={**os.environ, "DATABASE_URL": database_url})
    except OSError as error:
        print(f"with_postgres: {argv[0]}: {error.strerror}", file=sys.stderr)
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
        with throwaway_cluster() as database_url:
            print(f"with_postgres: DATABASE_URL={database_url}", file=sys.stderr)
            return run_command(argv, database_url)
    except ClusterError as error:
        print(f"with_postgres: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 128 + signal.SIGINT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
