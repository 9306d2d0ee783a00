"""tessera-entrypoint: read the configuration, activate (or build) the environment, check the
versions, then exec the role's process so that it receives signals directly from the init."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence

from . import config as configuration
from . import envsync, roles, tls, versions
from .errors import COMMAND_NOT_EXECUTABLE, COMMAND_NOT_FOUND, TesseraError

log = logging.getLogger("tessera")
TERMINATION_LOG = "/dev/termination-log"
TERMINATION_MESSAGE_BYTES = 4096  # what Kubernetes keeps of a termination message
USAGE = """usage: tessera-entrypoint scheduler | worker | runner [--] [COMMAND ...] | build-env

Roles are configured through environment variables (TESSERA_*, DASK_SCHEDULER_ADDRESS);
worker-image/README.md lists them with the exit codes. build-env only builds the environment
named by TESSERA_ENV_SPEC into TESSERA_ENV_CACHE, checks its dask and distributed against the
image's, and prints its path.
"""


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    environ = dict(os.environ if environ is None else environ)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s - tessera - %(levelname)s - %(message)s")
    if argv[:1] in (["-h"], ["--help"], ["help"]):
        print(USAGE, end="")
        return 0
    try:
        config = configuration.parse(argv, environ)
        if config.tls:
            tls.check_loadable(config.tls)
        environment = envsync.activate(config.env) if config.env else envsync.IMAGE_ENVIRONMENT
        found = versions.check(config, environment.python, _fix_hint(config))
        log.info("%s: dask %s, distributed %s (%s)", config.role, found["dask"], found["distributed"],
                 f"environment {environment.key}" if environment.key else "the image's environment")
        if config.role == "build-env":
            print(environment.prefix)
            return 0
        launch = roles.launch(config, environment, environ)
    except TesseraError as e:
        log.error("%s", e)
        write_termination_message(str(e), environ)
        return e.exit_code
    return _exec(launch)


def write_termination_message(message: str, environ: Mapping[str, str]) -> None:
    """Leaves the error where Kubernetes reads a container's termination message (the operator
    shows it in the cluster's conditions), when that file exists and is writable; at most 4 KiB,
    cut at a line boundary."""
    path = environ.get("TESSERA_TERMINATION_LOG") or TERMINATION_LOG
    if not os.path.exists(path) or not os.access(path, os.W_OK):
        return
    data = message.encode()
    if len(data) > TERMINATION_MESSAGE_BYTES:
        data = data[:TERMINATION_MESSAGE_BYTES]
        data = data[:data.rfind(b"\n")] if b"\n" in data else data
        data = data.decode(errors="ignore").encode()
    try:
        with open(path, "wb") as log_file:
            log_file.write(data)
    except OSError as e:
        log.warning("cannot write the termination message to %s: %s", path, e)


def _fix_hint(config: configuration.Config) -> str:
    image = versions.image_versions()
    pins = f"the image has dask {image['dask']} and distributed {image['distributed']}"
    if config.role == "build-env" and config.env:
        return (f"Remove or correct the dask and distributed pins of the environment spec "
                f"TESSERA_ENV_SPEC={config.env.spec}: the cluster's pods and its clients run the image's "
                f"dask {image['dask']} and distributed {image['distributed']}.")
    if config.env:
        return (f"The environment comes from TESSERA_ENV_SPEC={config.env.spec}: remove or correct its dask and "
                f"distributed pins ({pins}), or give the whole cluster the same spec.")
    return f"This {config.role} runs the image's own environment ({pins}); use a matching image."


def _exec(launch: roles.Launch) -> int:
    log.info("exec: %s", " ".join(launch.argv))
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execvpe(launch.argv[0], list(launch.argv), launch.env)
    except FileNotFoundError:
        log.error("command not found: %s", launch.argv[0])
        return COMMAND_NOT_FOUND
    except PermissionError:
        log.error("command not executable: %s", launch.argv[0])
        return COMMAND_NOT_EXECUTABLE
    return 0  # not reached: exec replaces this process
