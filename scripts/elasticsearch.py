#!/usr/bin/env python3
"""A throwaway Elasticsearch node for tests and development: fetch, start, run a command, stop.

Usage:
    scripts/elasticsearch.py run COMMAND [ARGUMENT...]   start a node, run the command with
                                                         ELASTICSEARCH_URL set, stop the node
    scripts/elasticsearch.py start                       start a node that keeps running; prints its URL
    scripts/elasticsearch.py stop                        stop the node `start` started
    scripts/elasticsearch.py fetch                       only download and unpack the pinned version

    scripts/elasticsearch.py run .venv/bin/pytest -m elasticsearch
    eval "$(scripts/elasticsearch.py start)"   # sets ELASTICSEARCH_URL in this shell

The node is Maven Central's test distribution of Elasticsearch (org.elasticsearch.distribution.
integ-test-zip:elasticsearch, pinned below), fetched with `mvn dependency:get` into ~/.m2 and
unpacked once into the cache folder ($RAHNUMA_CACHE, default ~/.cache/rahnuma, as root
/var/cache/rahnuma). It has the server
core only (no analysis-common module, no bundled JDK): it runs on the Java found on PATH (Java 17
for Elasticsearch 8). Each node gets a new temporary folder for its configuration, data and logs,
listens on 127.0.0.1 only, on a free port, with a 512 MB heap and security off, and counts as
started when the cluster is yellow (up to 120 s). It is stopped by the pid it wrote, never by
name, and its folder removed, also after a failure or Ctrl-C. Elasticsearch refuses to run as
root: as root it runs as the system user `rahnuma-es` (created when missing).

Standard library only, so that it runs with any Python 3.11, inside or outside the virtualenv.
"""

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VERSION = "8.19.21"  # the newest 8.19 patch on Maven Central; the Python client must be 8.x too
ARTIFACT = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{VERSION}:zip"
SERVER_USER = "rahnuma-es"
HOST = "127.0.0.1"
HEAP = "512m"
START_TIMEOUT_SECONDS = 120
STOP_TIMEOUT_SECONDS = 30
# Settings of server core only: a setting of a module this distribution lacks would abort the start.
NODE_SETTINGS = {
    "cluster.name": "rahnuma-test",
    "discovery.type": "single-node",
    "network.host": HOST,
    "xpack.security.enabled": "false",  # otherwise it generates TLS certificates and passwords
    "xpack.ml.enabled": "false",
    "cluster.routing.allocation.disk.threshold_enabled": "false",
    "action.destructive_requires_name": "false",
}
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class NodeError(RuntimeError):
    """The node could not be fetched, started or stopped; the message names the step and why."""


def cache_dir() -> Path:
    """Where the distribution is unpacked. Root's home is closed to the server user, so root's is /var/cache."""
    default = Path("/var/cache/rahnuma") if os.geteuid() == 0 else Path.home() / ".cache" / "rahnuma"
    return Path(os.environ.get("RAHNUMA_CACHE", default))


def state_file() -> Path:
    """Where `start` leaves the pid, URL and folder of its node for `stop`."""
    return cache_dir() / "elasticsearch-node.json"


def maven_zip() -> Path:
    group = ARTIFACT.split(":")[0].replace(".", "/")
    return Path.home() / ".m2" / "repository" / group / "elasticsearch" / VERSION / f"elasticsearch-{VERSION}.zip"


def fetch() -> Path:
    """The unpacked distribution, downloading and unpacking it the first time."""
    home = cache_dir() / f"elasticsearch-{VERSION}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    archive = maven_zip()
    if not archive.exists():
        if shutil.which("mvn") is None:
            raise NodeError("mvn is not installed (apt-get install maven)")
        result = subprocess.run(
            ["mvn", "-B", "-q", "dependency:get", "-Dtransitive=false", f"-Dartifact={ARTIFACT}"],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not archive.exists():
            raise NodeError(f"mvn dependency:get {ARTIFACT} failed:\n{result.stdout}{result.stderr}")
    home.parent.mkdir(parents=True, exist_ok=True)
    unpacking = Path(tempfile.mkdtemp(prefix="unpacking-", dir=home.parent))
    try:
        with zipfile.ZipFile(archive) as bundle:
            for member in bundle.infolist():
                target = bundle.extract(member, unpacking)
                mode = member.external_attr >> 16  # zip keeps the Unix mode (bin/ is executable) here
                if mode:
                    os.chmod(target, mode | 0o444)
        unpacking.chmod(0o755)
        # Renamed into place at the end, so a half-unpacked tree is never taken for a good one.
        (unpacking / f"elasticsearch-{VERSION}").rename(home)
    finally:
        shutil.rmtree(unpacking, ignore_errors=True)
    return home


def java_home() -> Path:
    """ES_JAVA_HOME for the node: the zip has no bundled JDK and ignores JAVA_HOME."""
    if os.environ.get("ES_JAVA_HOME"):
        return Path(os.environ["ES_JAVA_HOME"])
    java = shutil.which("java")
    if java is None:
        raise NodeError("no java on PATH: Elasticsearch 8 needs Java 17 (apt-get install openjdk-17-jre-headless)")
    return Path(java).resolve().parent.parent


def server_user() -> str | None:
    """The user to run the node as: None (the current user) unless we are root, whom Elasticsearch refuses."""
    if os.geteuid() != 0:
        return None
    if not _user_exists(SERVER_USER):
        created = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER],
            capture_output=True,
            text=True,
        )
        if created.returncode != 0 and not _user_exists(SERVER_USER):
            raise NodeError(f"useradd {SERVER_USER} failed: {created.stderr.strip()}")
    return SERVER_USER


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_node(home: Path) -> dict:
    """Start a node in a new temporary folder; returns its state (url, pid, folder) once it is yellow."""
    user = server_user()
    folder = Path(tempfile.mkdtemp(prefix="rahnuma-es-"))
    port = free_port()
    state = {"url": f"http://{HOST}:{port}", "pid": None, "folder": str(folder)}
    try:
        config = folder / "config"
        shutil.copytree(home / "config", config)
        settings = {**NODE_SETTINGS, "http.port": port, "transport.port": free_port()}
        settings.update({"path.data": folder / "data", "path.logs": folder / "logs"})
        (config / "elasticsearch.yml").write_text("".join(f"{key}: {value}\n" for key, value in settings.items()))
        (folder / "tmp").mkdir()
        if user:
            for path in [folder, *folder.rglob("*")]:
                shutil.chown(path, user=user)
        environment = {
            **os.environ,
            "ES_JAVA_HOME": str(java_home()),
            "ES_PATH_CONF": str(config),
            "ES_TMPDIR": str(folder / "tmp"),
            "ES_JAVA_OPTS": f"-Xms{HEAP} -Xmx{HEAP}",
        }
        command = [str(home / "bin" / "elasticsearch"), "-d", "-p", str(folder / "node.pid")]
        if user:
            command = ["runuser", "-u", user, "--", *command]
        started = subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True)
        if started.returncode != 0:
            status = started.returncode
            raise NodeError(
                f"elasticsearch did not start (exit status {status}):\n{started.stderr}\n{_log_tail(folder)}"
            )
        state["pid"] = _read_pid(folder / "node.pid")
        _wait_for_yellow(state["url"], state["pid"], folder)
    except BaseException:
        stop_node(state)
        raise
    return state


def _read_pid(pid_file: Path) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if pid_file.exists() and pid_file.read_text().strip():
            return int(pid_file.read_text().strip())
        time.sleep(0.1)
    raise NodeError(f"elasticsearch wrote no pid file {pid_file}")


def _wait_for_yellow(url: str, pid: int, folder: Path):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if not _running(pid):
            raise NodeError(f"elasticsearch stopped while starting:\n{_log_tail(folder)}")
        try:
            with urllib.request.urlopen(f"{url}/_cluster/health?wait_for_status=yellow&timeout=5s", timeout=10) as r:
                if json.load(r).get("status") in {"yellow", "green"}:
                    return
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(1)
    raise NodeError(f"elasticsearch was not yellow after {START_TIMEOUT_SECONDS} s:\n{_log_tail(folder)}")


def _log_tail(folder: Path, lines: int = 40) -> str:
    log = folder / "logs" / f"{NODE_SETTINGS['cluster.name']}.log"
    if not log.exists():
        return "(no log)"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_node(state: dict):
    """Stop the node by its pid (SIGTERM, then SIGKILL after a grace period) and remove its folder."""
    pid = state.get("pid")
    if pid and _running(pid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        while _running(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _running(pid):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(state["folder"], ignore_errors=True)


@contextmanager
def throwaway_node() -> Iterator[str]:
    state = start_node(fetch())
    try:
        yield state["url"]
    finally:
        with _signals_ignored():
            stop_node(state)


@contextmanager
def _signals_ignored():
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def run_command(argv: list[str], url: str) -> int:
    try:
        completed = subprocess.run(argv, env={**os.environ, "ELASTICSEARCH_URL": url})
    except OSError as error:
        print(f"elasticsearch.py: {argv[0]}: {error.strerror}", file=sys.stderr)
        return 127
    return completed.returncode if completed.returncode >= 0 else 128 - completed.returncode


def command_start() -> int:
    if state_file().exists():
        state = json.loads(state_file().read_text())
        if state.get("pid") and _running(state["pid"]):
            print(f"export ELASTICSEARCH_URL={state['url']}")
            return 0
    state = start_node(fetch())
    state_file().write_text(json.dumps(state))
    print(f"export ELASTICSEARCH_URL={state['url']}")
    return 0


def command_stop() -> int:
    if not state_file().exists():
        print("elasticsearch.py: no node was started with `start`", file=sys.stderr)
        return 0
    stop_node(json.loads(state_file().read_text()))
    state_file().unlink()
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__, file=sys.stderr)
        return 0 if argv else 2
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    command, arguments = argv[0], argv[1:]
    try:
        if command == "run" and arguments:
            with throwaway_node() as url:
                print(f"elasticsearch.py: ELASTICSEARCH_URL={url}", file=sys.stderr)
                return run_command(arguments, url)
        if command == "start" and not arguments:
            return command_start()
        if command == "stop" and not arguments:
            return command_stop()
        if command == "fetch" and not arguments:
            print(fetch())
            return 0
    except NodeError as error:
        print(f"elasticsearch.py: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
