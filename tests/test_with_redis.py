"""scripts/with_redis.py: the command gets a working Redis of its own, its exit status is kept, nothing stays behind."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "with_redis.py"
# The command under the script stores and reads a value, then reports the server's process id and folder.
REPORT_SERVER = """
import os, redis
server = redis.Redis.from_url(os.environ["REDIS_URL"])
server.set("greeting", "salaam")
info = server.info("server")
print(os.environ["REDIS_URL"], server.get("greeting").decode(), info["process_id"], server.config_get("dir")["dir"],
      server.config_get("save")["save"] or "-", server.config_get("appendonly")["appendonly"], flush=True)
"""

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None and os.geteuid() != 0, reason="needs redis-server (or root to install it)"
)


def run(*command):
    return subprocess.run([sys.executable, str(SCRIPT), *command], capture_output=True, text=True, timeout=120)


def test_the_command_gets_a_throwaway_server_that_keeps_nothing():
    result = run(sys.executable, "-c", REPORT_SERVER)
    assert result.returncode == 0, result.stderr
    url, value, pid, folder, save, appendonly = result.stdout.split()
    assert url.startswith("redis://127.0.0.1:") and url.endswith("/0") and value == "salaam"
    assert (save, appendonly) == ("-", "no")
    # Stopped and removed afterwards: no process with that id, no folder.
    assert not Path(f"/proc/{pid}").exists() and not Path(folder).exists()


def test_the_commands_exit_status_is_the_scripts():
    assert run(sys.executable, "-c", "raise SystemExit(7)").returncode == 7


def test_a_command_that_does_not_exist_is_reported():
    result = run("/no/such/command")
    assert result.returncode == 127 and "with_redis: /no/such/command" in result.stderr


def test_without_a_command_it_explains_itself():
    result = run()
    assert result.returncode == 2 and "Usage: scripts/with_redis.py COMMAND" in result.stderr
