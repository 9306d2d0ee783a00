"""Failures the entrypoint reports itself, each with its own exit code.

The codes follow sysexits.h so that a Kubernetes podFailurePolicy (or a person reading
`kubectl get pod`) can tell a deterministic mistake, which retrying cannot fix, from a transient
one. Anything else is the exit code of the role's own process (the entrypoint execs it).
"""

from __future__ import annotations


class TesseraError(Exception):
    """Base class: the message is shown as is, so it must say what is wrong and what to do."""

    exit_code = 70  # EX_SOFTWARE: a bug in the entrypoint itself


class ConfigError(TesseraError):
    """Missing or invalid environment variables or arguments (deterministic)."""

    exit_code = 64  # EX_USAGE


class SpecError(TesseraError):
    """The environment spec file cannot be read or is not a supported format (deterministic)."""

    exit_code = 65  # EX_DATAERR


class SchedulerUnavailable(TesseraError):
    """The scheduler did not answer the version check in time (transient: retry)."""

    exit_code = 69  # EX_UNAVAILABLE


class EnvBuildError(TesseraError):
    """The environment could not be built or the cache cannot hold it."""

    exit_code = 73  # EX_CANTCREAT


class EnvLockTimeout(TesseraError):
    """Another process held the environment's build lock for too long (transient: retry)."""

    exit_code = 75  # EX_TEMPFAIL


class VersionMismatch(TesseraError):
    """dask/distributed differ from the scheduler's or the expected ones (deterministic)."""

    exit_code = 78  # EX_CONFIG


# Exit codes of the exec step, as a shell reports them.
COMMAND_NOT_EXECUTABLE = 126
COMMAND_NOT_FOUND = 127
