"""Writers take turns before SQLite's write lock (cms.core.sqlite_backend): among threads and among processes."""

import fcntl
import os
import stat
import threading

import pytest
from django.db import connection

from cms.core.sqlite_backend.base import WriteTurn

# Bounds how long a failing test waits; nothing here measures time.
WAIT_SECONDS = 10


def test_the_site_runs_on_the_backend_with_turns():
    if connection.vendor != "sqlite":
        pytest.skip("the turns are for SQLite; this run's database is another")
    assert connection.settings_dict["ENGINE"] == "cms.core.sqlite_backend"
    assert connection.settings_dict["CONN_MAX_AGE"] > 0


def test_a_turn_held_by_another_process_is_waited_for_and_then_taken(tmp_path):
    # Two turns on one database file open the lock file twice, as two processes would.
    database = str(tmp_path / "site.sqlite3")
    here, elsewhere = WriteTurn(database), WriteTurn(database)

    assert elsewhere.take(timeout=WAIT_SECONDS)
    assert not here.take(timeout=0.05)  # refused while the other holds it, after the timeout
    elsewhere.give_back()
    assert here.take(timeout=WAIT_SECONDS)
    assert not elsewhere.take(timeout=0.05)
    here.give_back()


def test_a_waiting_thread_gets_the_turn_when_the_holder_gives_it_back(tmp_path):
    turn = WriteTurn(str(tmp_path / "site.sqlite3"))
    order = []
    assert turn.take(timeout=WAIT_SECONDS)

    def waiter():
        if turn.take(timeout=WAIT_SECONDS):
            order.append("waiter wrote")
            turn.give_back()

    thread = threading.Thread(target=waiter)
    thread.start()
    thread.join(timeout=0.1)
    order.append("holder wrote")
    turn.give_back()
    thread.join(timeout=WAIT_SECONDS)

    assert order == ["holder wrote", "waiter wrote"]


def test_a_database_in_memory_has_no_lock_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    turn = WriteTurn("file:memorydb_default?mode=memory&cache=shared", in_memory=True)
    assert turn.take(timeout=WAIT_SECONDS)
    turn.give_back()
    assert list(tmp_path.iterdir()) == []


def test_the_lock_file_can_be_shared_with_a_command_run_by_another_user(tmp_path):
    # A management command run as root may make the file first: the site's user must still be able to
    # open it, and flock needs no more than a read-only descriptor.
    turn = WriteTurn(str(tmp_path / "site.sqlite3"))
    assert stat.S_IMODE((tmp_path / "site.sqlite3-writers").stat().st_mode) & 0o044 == 0o044
    assert fcntl.fcntl(turn.file, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY
