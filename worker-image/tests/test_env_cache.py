"""The environment cache without the network: an empty spec builds a bare overlay (no pip run),
which is enough to check publishing, reuse, leftovers and the lock timeout."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tessera_worker import envbuild, envsync, spec
from tessera_worker.config import EnvSyncConfig
from tessera_worker.errors import EnvLockTimeout


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("# nothing beyond the image\n")
    return EnvSyncConfig(spec=path, cache=tmp_path / "cache", lock_timeout=30)


def key_of(config: EnvSyncConfig) -> str:
    return spec.environment_key(spec.load(config.spec), envbuild.base_fingerprint())


def test_an_environment_is_published_under_its_key_and_then_reused(config):
    built = envsync.activate(config)
    link = config.cache / "envs" / key_of(config)
    assert link.is_symlink() and link.resolve() == built.prefix
    manifest = json.loads((built.prefix / envsync.MANIFEST).read_text())
    assert manifest["key"] == built.key == key_of(config)
    assert envsync.activate(config) == built
    # The overlay sees the image's packages through its layer file.
    found = subprocess.run([str(built.python), "-c", "import distributed; print(distributed.__file__)"],
                           capture_output=True, text=True, check=True).stdout
    assert not found.startswith(str(config.cache))


def test_leftovers_of_an_interrupted_build_are_removed(config):
    leftover = config.cache / "envs" / f"{key_of(config)}.deadbeef"
    leftover.mkdir(parents=True)
    (leftover / "half-written").write_text("")
    built = envsync.activate(config)
    assert not leftover.exists() and built.prefix.exists()


def test_waiting_longer_than_the_lock_timeout_is_a_temporary_failure(config, tmp_path):
    lock = config.cache / "locks" / f"{key_of(config)}.lock"
    lock.parent.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import fcntl, os, sys, time
        fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)
        fcntl.lockf(fd, fcntl.LOCK_EX)
        print("locked", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        impatient = EnvSyncConfig(spec=config.spec, cache=config.cache, lock_timeout=1)
        with pytest.raises(EnvLockTimeout, match="TESSERA_ENV_LOCK_TIMEOUT") as error:
            envsync.activate(impatient)
        assert error.value.exit_code == 75
    finally:
        holder.kill()
        holder.wait()
    assert envsync.activate(config).key == key_of(config)  # the lock died with its holder
