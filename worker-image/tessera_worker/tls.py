"""TLS for all roles: one certificate and key, as the gateway issues them per cluster, used by the
scheduler, the workers and every client, with certificates required on both sides.

Everything is configured through Dask's own configuration variables, so the scheduler, the
workers and any Client() the runner's program creates pick up the same settings without flags.
"""

from __future__ import annotations

import ssl

from .config import TlsFiles
from .errors import ConfigError


def check_loadable(tls: TlsFiles) -> None:
    """Fails early, with the file names, instead of deep inside Dask's comm setup."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    try:
        context.load_verify_locations(cafile=str(tls.ca_file))
    except (ssl.SSLError, OSError) as e:
        raise ConfigError(f"TESSERA_TLS_CA_FILE={tls.ca_file} is not a PEM certificate: {e}") from e
    try:
        context.load_cert_chain(str(tls.cert_file), str(tls.key_file))
    except (ssl.SSLError, OSError) as e:
        raise ConfigError(f"TESSERA_TLS_CERT_FILE={tls.cert_file} and TESSERA_TLS_KEY_FILE={tls.key_file} "
                          f"are not a matching PEM certificate and key: {e}") from e


def dask_environment(tls: TlsFiles | None) -> dict[str, str]:
    """Dask configuration variables for the role's process (empty without TLS)."""
    if tls is None:
        return {}
    cert, key = str(tls.cert_file.absolute()), str(tls.key_file.absolute())
    env = {
        "DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION": "True",
        "DASK_DISTRIBUTED__COMM__TLS__CA_FILE": str(tls.ca_file.absolute()),
    }
    for side in ("SCHEDULER", "WORKER", "CLIENT"):
        env[f"DASK_DISTRIBUTED__COMM__TLS__{side}__CERT"] = cert
        env[f"DASK_DISTRIBUTED__COMM__TLS__{side}__KEY"] = key
    return env


def client_connection_args(tls: TlsFiles | None) -> dict:
    """Connection arguments for the entrypoint's own call to the scheduler (the version check)."""
    from distributed.security import Security  # heavy; only the worker and runner need it

    if tls is None:
        return Security(require_encryption=False).get_connection_args("client")
    return Security(tls_ca_file=str(tls.ca_file), tls_client_cert=str(tls.cert_file),
                    tls_client_key=str(tls.key_file), require_encryption=True).get_connection_args("client")
