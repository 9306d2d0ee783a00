"""The entrypoint's whole input: the role (first argument or TESSERA_ROLE) and the environment
variables the operator sets. Parsing is pure and reports every bad variable at once, so a broken
pod spec is fixed in one round instead of one variable per restart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

from .errors import ConfigError

ROLES = ("scheduler", "worker", "runner", "build-env")
DEFAULT_SCHEDULER_PORT = 8786
DEFAULT_DASHBOARD_PORT = 8787
DEFAULT_LOCK_TIMEOUT = 1800.0  # a cold conda build can take many minutes
DEFAULT_VERSION_CHECK_TIMEOUT = 60.0  # covers a scheduler pod that is still starting

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_ADDRESS = re.compile(r"(?:(?P<scheme>[a-z]+)://)?(?P<host>\[[0-9a-fA-F:.]+\]|[^\s:/\[\]]+)(?::(?P<port>\d+))?")
_RESOURCE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_TLS_VARS = ("TESSERA_TLS_CA_FILE", "TESSERA_TLS_CERT_FILE", "TESSERA_TLS_KEY_FILE")
_INDEX_URL = re.compile(r"(?:https?|file)://\S+")


@dataclass(frozen=True)
class TlsFiles:
    """One certificate and key serve as the scheduler's, the workers' and the clients' (as the
    gateway issues them per cluster); the CA file is what peers must chain to."""

    ca_file: Path
    cert_file: Path
    key_file: Path


@dataclass(frozen=True)
class IndexSettings:
    """Where environment builds get packages (TESSERA_INDEX_URL, TESSERA_EXTRA_INDEX_URLS,
    TESSERA_CA_BUNDLE); unset fields leave uv's and pip's own settings alone."""

    index_url: str | None = None
    extra_index_urls: tuple[str, ...] = ()
    ca_bundle: Path | None = None


@dataclass(frozen=True)
class EnvSyncConfig:
    spec: Path
    cache: Path
    lock_timeout: float
    index: IndexSettings = IndexSettings()


@dataclass(frozen=True)
class Config:
    role: str
    listen_host: str | None
    scheduler_port: int
    dashboard_port: int
    dashboard: bool
    dashboard_prefix: str | None
    scheduler_address: str | None  # worker and runner: normalised to scheme://host:port
    worker_name: str | None
    worker_threads: int | None
    worker_memory_limit: int | None
    worker_resources: str | None  # normalised "NAME=amount NAME=amount"
    runner_command: tuple[str, ...]  # runner: argv of the user's command; a script runs as [python, script]
    runner_script: Path | None
    tls: TlsFiles | None
    env: EnvSyncConfig | None
    expected_versions: tuple[tuple[str, str], ...]  # (package, version) pairs to insist on
    version_check_timeout: float

    @property
    def protocol(self) -> str:
        return "tls" if self.tls else "tcp"


class _Reader:
    """Reads typed variables, collecting every problem instead of stopping at the first."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ
        self.errors: list[str] = []

    def text(self, name: str) -> str | None:
        value = self.environ.get(name, "").strip()
        return value or None

    def required(self, name: str, why: str) -> str | None:
        value = self.text(name)
        if value is None:
            self.errors.append(f"{name} is required {why}")
        return value

    def integer(self, name: str, default: int | None, minimum: int = 1, maximum: int | None = None) -> int | None:
        value = self.text(name)
        if value is None:
            return default
        if not value.isdigit() or int(value) < minimum or (maximum is not None and int(value) > maximum):
            bound = f"between {minimum} and {maximum}" if maximum else f"at least {minimum}"
            self.errors.append(f"{name}={value!r} is not a whole number {bound}")
            return default
        return int(value)

    def port(self, name: str, default: int) -> int:
        return self.integer(name, default, minimum=1, maximum=65535) or default

    def boolean(self, name: str, default: bool) -> bool:
        value = self.text(name)
        if value is None:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        self.errors.append(f"{name}={value!r} is not a boolean (use true or false)")
        return default

    def seconds(self, name: str, default: float) -> float:
        value = self.text(name)
        if value is None:
            return default
        try:
            seconds = float(value)
        except ValueError:
            seconds = -1.0
        if not seconds > 0:
            self.errors.append(f"{name}={value!r} is not a positive number of seconds")
            return default
        return seconds

    def existing_file(self, name: str, value: str | None) -> Path | None:
        if value is None:
            return None
        path = Path(value)
        if not path.is_file():
            self.errors.append(f"{name}={value!r}: no such file")
        return path


def parse(argv: Sequence[str], environ: Mapping[str, str]) -> Config:
    """Builds the configuration from the arguments after the program name and the environment.

    Raises ConfigError listing every problem found.
    """
    read = _Reader(environ)
    role, command = _role_and_command(argv, read)
    tls = _tls(read)
    scheduler_address = None
    if role in ("worker", "runner"):
        scheduler_address = _scheduler_address(read, tls is not None)
    runner_script = None
    if role == "runner":
        runner_script = read.existing_file("TESSERA_RUNNER_SCRIPT", read.text("TESSERA_RUNNER_SCRIPT"))
        if command and runner_script:
            read.errors.append("give the runner either a command after 'runner' or TESSERA_RUNNER_SCRIPT, not both")
        elif not command and not runner_script:
            read.errors.append("the runner needs a command after 'runner' (e.g. 'runner -- python job.py') "
                               "or TESSERA_RUNNER_SCRIPT")
    worker = role == "worker"
    config = Config(
        role=role,
        listen_host=read.text("TESSERA_LISTEN_HOST"),
        scheduler_port=read.port("TESSERA_SCHEDULER_PORT", DEFAULT_SCHEDULER_PORT),
        dashboard_port=read.port("TESSERA_DASHBOARD_PORT", DEFAULT_DASHBOARD_PORT),
        dashboard=read.boolean("TESSERA_DASHBOARD", True),
        dashboard_prefix=_dashboard_prefix(read),
        scheduler_address=scheduler_address,
        worker_name=read.required("TESSERA_WORKER_NAME", "for a worker (the pod name)") if worker else None,
        worker_threads=read.integer("TESSERA_WORKER_THREADS", None) if worker else None,
        worker_memory_limit=read.integer("TESSERA_WORKER_MEMORY_LIMIT", None) if worker else None,
        worker_resources=_resources(read) if worker else None,
        runner_command=command,
        runner_script=runner_script,
        tls=tls,
        env=_env_sync(read, role),
        expected_versions=_expected_versions(read),
        version_check_timeout=read.seconds("TESSERA_VERSION_CHECK_TIMEOUT", DEFAULT_VERSION_CHECK_TIMEOUT),
    )
    if read.errors:
        raise ConfigError("invalid configuration:\n  - " + "\n  - ".join(read.errors))
    return config


def _role_and_command(argv: Sequence[str], read: _Reader) -> tuple[str, tuple[str, ...]]:
    from_env = read.text("TESSERA_ROLE")
    from_argv = argv[0] if argv else None
    role = from_argv or from_env
    if role is None:
        read.errors.append(f"no role: pass one of {', '.join(ROLES)} as the first argument or set TESSERA_ROLE")
        return "unknown", ()
    if role not in ROLES:
        read.errors.append(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
    if from_argv and from_env and from_argv != from_env:
        read.errors.append(f"the argument says {from_argv!r} but TESSERA_ROLE says {from_env!r}")
    rest = list(argv[1:])
    if rest[:1] == ["--"]:
        rest = rest[1:]
    if rest and role != "runner":
        read.errors.append(f"the {role} role takes no arguments (got {' '.join(rest)!r}); "
                           "configure it through TESSERA_* variables")
    return role, tuple(rest)


def _tls(read: _Reader) -> TlsFiles | None:
    # All or nothing, and never a silent fallback to plain TCP: a half-mounted Secret must stop
    # the pod rather than start an unencrypted cluster.
    values = {name: read.text(name) for name in _TLS_VARS}
    given = [name for name, value in values.items() if value]
    if not given:
        return None
    if len(given) != len(_TLS_VARS):
        missing = sorted(set(_TLS_VARS) - set(given))
        read.errors.append(f"TLS is half configured: {', '.join(given)} set but {', '.join(missing)} missing")
        return None
    paths = [read.existing_file(name, values[name]) for name in _TLS_VARS]
    return TlsFiles(*paths)  # type: ignore[arg-type]


def _scheduler_address(read: _Reader, tls: bool) -> str | None:
    value = read.required("DASK_SCHEDULER_ADDRESS", "for workers and runners (e.g. tls://demo-scheduler.ns.svc:8786)")
    if value is None:
        return None
    match = _ADDRESS.fullmatch(value)
    if not match:
        read.errors.append(f"DASK_SCHEDULER_ADDRESS={value!r} is not an address like tcp://host:8786")
        return None
    expected = "tls" if tls else "tcp"
    scheme = match["scheme"] or expected
    if scheme != expected:
        why = "TLS files are configured" if tls else "no TLS files are configured (TESSERA_TLS_*)"
        read.errors.append(f"DASK_SCHEDULER_ADDRESS={value!r} uses {scheme}:// but {why}; use {expected}://")
        return None
    return f"{scheme}://{match['host']}:{match['port'] or DEFAULT_SCHEDULER_PORT}"


def _dashboard_prefix(read: _Reader) -> str | None:
    value = read.text("TESSERA_DASHBOARD_PREFIX")
    if value is None or value == "/":
        return None
    if not value.startswith("/") or any(c.isspace() for c in value) or "?" in value or "#" in value:
        read.errors.append(f"TESSERA_DASHBOARD_PREFIX={value!r} must be a URL path starting with / "
                           "(e.g. /clusters/ns/name/)")
        return None
    return value.rstrip("/") + "/"


def _resources(read: _Reader) -> str | None:
    value = read.text("TESSERA_WORKER_RESOURCES")
    if value is None:
        return None
    pairs = value.replace(",", " ").split()
    bad = [pair for pair in pairs if not _is_resource(pair)]
    if bad:
        read.errors.append(f"TESSERA_WORKER_RESOURCES={value!r}: {', '.join(bad)} not of the form NAME=amount "
                           "(e.g. 'GPU=1 MEM=8')")
        return None
    names = [pair.split("=")[0] for pair in pairs]
    if len(set(names)) != len(names):
        read.errors.append(f"TESSERA_WORKER_RESOURCES={value!r} names a resource twice")
        return None
    return " ".join(pairs)


def _is_resource(pair: str) -> bool:
    """NAME=amount with a finite amount >= 0, as Dask parses it (float(), so 1e-3 is fine too)."""
    name, _, amount = pair.partition("=")
    try:
        number = float(amount)
    except ValueError:
        return False
    return bool(_RESOURCE_NAME.fullmatch(name)) and math.isfinite(number) and number >= 0


def _env_sync(read: _Reader, role: str) -> EnvSyncConfig | None:
    spec = read.text("TESSERA_ENV_SPEC")
    if spec is None:
        if role == "build-env":
            read.errors.append("TESSERA_ENV_SPEC is required for build-env")
        return None
    cache = read.required("TESSERA_ENV_CACHE", "with TESSERA_ENV_SPEC (the directory holding built environments)")
    spec_path = read.existing_file("TESSERA_ENV_SPEC", spec)
    timeout = read.seconds("TESSERA_ENV_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT)
    index = _index(read)
    if cache is None or spec_path is None:
        return None
    return EnvSyncConfig(spec=spec_path, cache=Path(cache), lock_timeout=timeout, index=index)


def _index(read: _Reader) -> IndexSettings:
    """The package index settings the operator gives build Jobs (from the chart's values)."""
    index_url = read.text("TESSERA_INDEX_URL")
    if index_url is not None and not _INDEX_URL.fullmatch(index_url):
        read.errors.append(f"TESSERA_INDEX_URL={index_url!r} is not an http(s):// or file:// URL "
                           "(e.g. https://mirror.example.org/pypi/simple/)")
        index_url = None
    extra = (read.text("TESSERA_EXTRA_INDEX_URLS") or "").split()
    bad = [url for url in extra if not _INDEX_URL.fullmatch(url)]
    if bad:
        read.errors.append(f"TESSERA_EXTRA_INDEX_URLS: {', '.join(map(repr, bad))} not http(s):// or file:// URLs "
                           "(separate several URLs with spaces)")
    ca_bundle = read.existing_file("TESSERA_CA_BUNDLE", read.text("TESSERA_CA_BUNDLE"))
    return IndexSettings(index_url=index_url, extra_index_urls=tuple(u for u in extra if u not in bad),
                         ca_bundle=ca_bundle)


def _expected_versions(read: _Reader) -> tuple[tuple[str, str], ...]:
    pairs = []
    for package in ("dask", "distributed"):
        name = f"TESSERA_EXPECT_{package.upper()}_VERSION"
        value = read.text(name)
        if value is None:
            continue
        try:
            Version(value)
        except InvalidVersion:
            read.errors.append(f"{name}={value!r} is not a version (e.g. 2026.3.0)")
            continue
        pairs.append((package, value))
    return tuple(pairs)
