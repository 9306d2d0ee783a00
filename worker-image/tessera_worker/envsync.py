"""The environment cache: find the spec's environment, or build it exactly once.

Layout under TESSERA_ENV_CACHE (a volume many pods may share, mounted at the same path in each):

    envs/<key>              relative symlink to the published build: the only name readers use
    envs/<key>.<build-id>/  the environment itself; tessera-env.json is written last
    locks/<key>.lock        builders hold a POSIX lock on it (fcntl.lockf, honoured over NFS too)

A build happens in a directory of its own and is published by atomically renaming a symlink over
`envs/<key>`. The directory itself never moves, because pip and conda write absolute paths into
what they install (script shebangs, conda prefixes). A reader never sees half an environment; a
builder that dies leaves an unpublished directory that the next builder removes under the lock,
and the kernel releases a dead builder's lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import shutil
import socket
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import envbuild
from . import spec as specs
from .config import EnvSyncConfig
from .errors import EnvBuildError, EnvLockTimeout

log = logging.getLogger("tessera")
MANIFEST = "tessera-env.json"
_WAIT_LOG_INTERVAL = 30.0


@dataclass(frozen=True)
class Environment:
    python: Path
    prefix: Path | None = None  # None: the image's own environment, nothing to activate
    key: str | None = None

    @property
    def is_conda(self) -> bool:
        return self.prefix is not None and (self.prefix / "conda-meta").is_dir()


IMAGE_ENVIRONMENT = Environment(python=Path(sys.executable))


def activate(config: EnvSyncConfig) -> Environment:
    """Returns the spec's environment, building it first if no process has yet."""
    started = time.monotonic()
    spec = specs.load(config.spec)
    key = specs.environment_key(spec, envbuild.base_fingerprint())
    envs = config.cache / "envs"
    environment = _published(envs / key)
    if environment:
        log.info("reusing environment %s from %s (ready in %.2f s)", key, config.cache, time.monotonic() - started)
        return environment
    try:
        for directory in (envs, config.cache / "locks"):
            directory.mkdir(parents=True, exist_ok=True)
        lock = os.open(config.cache / "locks" / f"{key}.lock", os.O_RDWR | os.O_CREAT, 0o664)
    except OSError as e:
        raise EnvBuildError(f"environment {key} for {config.spec} is not in {config.cache}, and it cannot be "
                            f"built there ({e}); mount the cache read-write or build it first with the "
                            "build-env role") from e
    with _holding(lock, config.lock_timeout, key):
        environment = _published(envs / key)
        if environment:
            log.info("reusing environment %s, built by another process meanwhile (ready in %.2f s)",
                     key, time.monotonic() - started)
            return environment
        _remove_unpublished(envs, key)
        environment = _build(spec, envs, key, config)
    log.info("environment %s built and ready in %.2f s", key, time.monotonic() - started)
    return environment


def _build(spec: specs.EnvSpec, envs: Path, key: str, config: EnvSyncConfig) -> Environment:
    prefix = envs / f"{key}.{uuid.uuid4().hex[:8]}"
    log.info("building environment %s from %s in %s", key, config.spec, prefix)
    started = time.monotonic()
    try:
        envbuild.build(spec, prefix, spec.named_packages(), config.index)
        manifest = {
            "key": key,
            "spec": spec.to_json(),
            "source": str(config.spec),
            "built_by": {"host": socket.gethostname(), "pid": os.getpid()},
            "built_at": time.time(),
            "build_seconds": round(time.monotonic() - started, 3),
        }
        (prefix / MANIFEST).write_text(json.dumps(manifest, indent=2))
        _publish(envs, key, prefix.name)
    except BaseException:
        shutil.rmtree(prefix, ignore_errors=True)
        raise
    return Environment(python=prefix / "bin" / "python", prefix=prefix, key=key)


def _published(link: Path) -> Environment | None:
    if not link.is_symlink():
        return None
    prefix = link.resolve()
    if not (prefix / MANIFEST).is_file() or not (prefix / "bin" / "python").exists():
        return None
    return Environment(python=prefix / "bin" / "python", prefix=prefix, key=link.name)


def _publish(envs: Path, key: str, target: str) -> None:
    # Relative, so the cache works wherever it is mounted; os.replace makes the switch atomic.
    staging = envs / f".{key}.{uuid.uuid4().hex[:8]}.link"
    os.symlink(target, staging)
    os.replace(staging, envs / key)


def _remove_unpublished(envs: Path, key: str) -> None:
    """Leftovers of builders that died; only called under the lock and while nothing is published."""
    for leftover in [*envs.glob(f"{key}.*"), *envs.glob(f".{key}.*.link")]:
        log.info("removing %s, left by an interrupted build", leftover)
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def _holding(fd: int, timeout: float, key: str) -> Iterator[None]:
    """Holds the build lock on the open lock file fd (and closes it): one builder per key."""
    try:
        deadline = time.monotonic() + timeout
        next_log = 0.0
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EACCES, errno.EAGAIN):
                    raise EnvBuildError(f"cannot lock the build of environment {key}: {e}") from e
            now = time.monotonic()
            if now >= deadline:
                raise EnvLockTimeout(f"another process has been building environment {key} for more than "
                                     f"{timeout:.0f} s; retry later or raise TESSERA_ENV_LOCK_TIMEOUT")
            if now >= next_log:
                log.info("waiting for environment %s: another process is building it", key)
                next_log = now + _WAIT_LOG_INTERVAL
            time.sleep(0.25)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
