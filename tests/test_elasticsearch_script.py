"""scripts/elasticsearch.py: fetching and unpacking the pinned node, stopping it by pid, its command line.
(The node itself runs for `make test-elasticsearch`, whose tests are marked `elasticsearch`.)"""

import os
import stat
import subprocess
import threading
import zipfile

import pytest

from scripts import elasticsearch as script


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RAHNUMA_CACHE", str(tmp_path / "cache"))
    return tmp_path


def test_usage(capsys):
    assert script.main([]) == 2
    assert script.main(["bogus"]) == 2
    assert script.main(["run"]) == 2, "run needs a command"
    assert "scripts/elasticsearch.py run COMMAND" in capsys.readouterr().err


def test_fetch_needs_maven_when_the_zip_is_not_there(home, monkeypatch):
    monkeypatch.setenv("PATH", str(home / "empty"))
    with pytest.raises(script.NodeError, match="mvn is not installed"):
        script.fetch()


def test_fetch_unpacks_the_zip_once_keeping_executables(home):
    archive = script.maven_zip()
    archive.parent.mkdir(parents=True)
    with zipfile.ZipFile(archive, "w") as bundle:
        info = zipfile.ZipInfo(f"elasticsearch-{script.VERSION}/bin/elasticsearch")
        info.external_attr = (stat.S_IFREG | 0o755) << 16
        bundle.writestr(info, "#!/bin/sh\n")
        bundle.writestr(f"elasticsearch-{script.VERSION}/config/elasticsearch.yml", "")
    unpacked = script.fetch()
    assert unpacked == home / "cache" / f"elasticsearch-{script.VERSION}"
    assert os.access(unpacked / "bin" / "elasticsearch", os.X_OK)
    archive.unlink()
    assert script.fetch() == unpacked, "unpacked once, then reused"


def test_java_home_comes_from_es_java_home_or_the_java_on_path(monkeypatch, tmp_path):
    monkeypatch.setenv("ES_JAVA_HOME", str(tmp_path))
    assert script.java_home() == tmp_path
    monkeypatch.delenv("ES_JAVA_HOME")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(script.NodeError, match="no java on PATH"):
        script.java_home()


def test_stop_node_ends_the_process_by_its_pid_and_removes_its_folder(tmp_path):
    folder = tmp_path / "node"
    folder.mkdir()
    process = subprocess.Popen(["sleep", "60"])
    reaper = threading.Thread(target=process.wait)  # as the real node's parent (init) would
    reaper.start()
    script.stop_node({"pid": process.pid, "folder": str(folder), "url": "http://127.0.0.1:1"})
    reaper.join(timeout=5)
    assert process.returncode == -15, "stopped by SIGTERM"
    assert not folder.exists()
    script.stop_node({"pid": process.pid, "folder": str(folder), "url": ""})  # already gone: nothing to do
