"""The notebook helper against a local PEP 503 index (never the internet): which installed
distributions it pins, which it skips and why, and the dask-gateway call it makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import IMAGE_DIR
from pyindex import SimpleIndex
from tessera_worker import notebook


def installed(site: Path, name: str, version: str, direct_url: bool = False) -> None:
    """A distribution as an installer leaves it (only its metadata matters here)."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    if direct_url:
        (info / "direct_url.json").write_text(json.dumps({"url": "file:///home/me/src/mine", "dir_info": {}}))


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site-packages"
    installed(site, "alpha", "1.0")  # offered at this version
    installed(site, "Beta_Pkg", "2.0")  # offered, under its normalised name, by its sdist
    installed(site, "gamma", "3.0")  # the index has 2.9 only
    installed(site, "delta", "1.0")  # not on the index at all
    installed(site, "mine", "0.1", direct_url=True)  # pip install ./src/mine
    installed(site, "ipykernel", "7.0")  # notebook tooling
    installed(site, "jupyterlab", "5.0")
    return site


@pytest.fixture
def index(tmp_path):
    with SimpleIndex(tmp_path / "index") as index:
        index.add("alpha", "1.0")
        index.add("alpha", "0.9")
        sdist = index.root / "files" / "Beta.Pkg-2.0.tar.gz"
        sdist.write_bytes(b"not really an archive: only the name matters")
        index.add_file("beta-pkg", sdist)
        index.add("gamma", "2.9")
        index.add("mine", "0.1")
        index.add("ipykernel", "7.0")
        yield index


def test_pins_what_the_index_offers_and_says_why_the_rest_is_skipped(site, index):
    result = notebook.sync(index.url, path=[str(site)])
    assert result.environment == {"pip": ["alpha==1.0", "Beta_Pkg==2.0"]}
    assert result.skipped == {
        "gamma": "the index does not offer version 3.0",
        "delta": "not on the index",
        "mine": "installed from a local path or URL, not from an index (mine 0.1)",
        "ipykernel": "excluded (notebook tooling or installer)",
        "jupyterlab": "excluded (notebook tooling or installer)",
    }
    assert "/simple/delta/" in index.requests and not any("ipykernel" in r for r in index.requests)


def test_the_exclude_list_can_be_replaced(site, index):
    result = notebook.sync(index.url, exclude=("alpha",), path=[str(site)])
    assert result.pins == ["Beta_Pkg==2.0", "ipykernel==7.0"]


def test_the_index_comes_from_pip_index_url_without_an_argument(site, index, monkeypatch):
    monkeypatch.setenv("PIP_INDEX_URL", index.url.rstrip("/"))
    assert notebook.sync(path=[str(site)]).pins == ["alpha==1.0", "Beta_Pkg==2.0"]


def test_an_index_that_does_not_answer_is_an_error_not_an_empty_environment(site):
    with pytest.raises(ConnectionError, match="did not answer"):
        notebook.sync("http://127.0.0.1:9/simple/", path=[str(site)], timeout=2)


def test_new_cluster_passes_the_environment_and_the_options_to_the_unchanged_client(site, index, monkeypatch):
    class Gateway:  # records what dask_gateway.Gateway.new_cluster would receive
        def new_cluster(self, cluster_options=None, shutdown_on_close=True, **kwargs):
            self.kwargs = kwargs
            return "cluster"

    real_sync = notebook.sync
    monkeypatch.setattr(notebook, "sync", lambda *args, **kwargs: real_sync(*args, path=[str(site)], **kwargs))
    gateway = Gateway()
    assert notebook.new_cluster(gateway, index_url=index.url, worker_cores=2) == "cluster"
    assert gateway.kwargs == {"environment": {"pip": ["alpha==1.0", "Beta_Pkg==2.0"]}, "worker_cores": 2}


def test_the_command_prints_the_environment_and_a_summary(site, index):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(IMAGE_DIR)])}
    result = subprocess.run([sys.executable, "-m", "tessera_worker.notebook", "--index-url", index.url],
                            capture_output=True, text=True, env=env, timeout=120, check=True)
    pins = json.loads(result.stdout)["pip"]
    assert "alpha==1.0" in pins and "Beta_Pkg==2.0" in pins  # the test venv's own packages are not on this index
    assert "skipped:" in result.stderr and "  gamma: the index does not offer version 3.0" in result.stderr


def test_the_helper_uses_only_the_standard_library():
    source = (IMAGE_DIR / "tessera_worker" / "notebook.py").read_text()
    imported = {line.split()[1].split(".")[0] for line in source.splitlines()
                if line.startswith(("import ", "from ")) and not line.startswith("from __future__")}
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)
