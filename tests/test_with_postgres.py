"""scripts/with_postgres.py: which server it uses, what the command gets, and that nothing is left running."""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.with_postgres import ClusterError, find_bin_dir

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "with_postgres.py"
# The command under the script reports its database and the server's data folder, then does `then`.
REPORT_SERVER = """
import os, sys, time
import psycopg

with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
    row = connection.execute("SELECT current_database(), current_setting('data_directory')").fetchone()
print(*row, flush=True)
{then}
"""


def fake_server(root, version):
    bin_dir = root / version / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "pg_ctl").touch()
    return bin_dir


def command_lines_mentioning(text):
    """Command lines of running processes that contain `text` (a server names its data folder in its own)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            arguments = cmdline.read_bytes().decode(errors="replace")
        except OSError:  # the process ended meanwhile
            continue
        if text in arguments:
            found.append(arguments.replace("\0", " "))
    return found


@pytest.fixture
def start_script():
    """Runs the script in a session of its own, so that a test can signal it as a terminal would."""
    started = []

    def start(then):
        script = subprocess.Popen(
            [sys.executable, SCRIPT, sys.executable, "-c", REPORT_SERVER.format(then=then)],
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        started.append(script)
        return script

    yield start
    for script in started:  # a failed test must not leave a server behind either
        if script.poll() is None:
            script.terminate()
            script.wait(timeout=120)
        script.stdout.close()


def test_the_newest_postgresql_version_is_used(tmp_path):
    fake_server(tmp_path, "9.6")
    newest = fake_server(tmp_path, "16")
    fake_server(tmp_path, "15")
    (tmp_path / "17" / "bin").mkdir(parents=True)  # client programs only, no server
    assert find_bin_dir(tmp_path) == newest


def test_no_postgresql_is_a_clear_error(tmp_path):
    expected = rf"no PostgreSQL server in {re.escape(str(tmp_path))}/VERSION/bin: .*apt-get install postgresql"
    with pytest.raises(ClusterError, match=expected):
        find_bin_dir(tmp_path)


def test_without_a_command_it_prints_its_usage():
    result = subprocess.run([sys.executable, SCRIPT], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Usage: scripts/with_postgres.py COMMAND" in result.stderr


@pytest.mark.postgres
def test_a_command_that_does_not_exist_is_reported_as_a_shell_would():
    result = subprocess.run([sys.executable, SCRIPT, "no-such-command-here"], capture_output=True, text=True)
    assert result.returncode == 127
    assert "with_postgres: no-such-command-here: No such file or directory" in result.stderr


@pytest.mark.postgres
def test_the_command_gets_the_database_and_its_exit_status_and_the_server_is_gone_after(start_script):
    script = start_script(then="sys.exit(3)")
    database, data_folder = script.stdout.readline().split()
    assert script.wait(timeout=120) == 3
    assert database == "rahnuma"
    assert not Path(data_folder).parent.exists()
    assert command_lines_mentioning(data_folder) == []


@pytest.mark.postgres
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupt_stops_the_command_and_the_server(start_script, signum):
    script = start_script(then="time.sleep(600)")
    _database, data_folder = script.stdout.readline().split()
    assert command_lines_mentioning(data_folder)  # the server runs while the command does

    os.killpg(script.pid, signum)

    assert script.wait(timeout=120) == 128 + signum
    assert not Path(data_folder).parent.exists()
    assert command_lines_mentioning(data_folder) == []
    assert command_lines_mentioning("time.sleep(600)") == []
