"""What the tests compute on the cluster, and the certificates they secure it with."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np


def zarr_reduction_matches_numpy(client, store: Path) -> set[str]:
    """Writes a chunked dataset to zarr and reads it back on the workers, reduces it with xarray,
    checks the results against numpy, and returns the addresses of the workers that ran tasks."""
    import xarray as xr
    from distributed import get_task_stream

    data = np.random.default_rng(6).normal(280.0, 10.0, size=(24, 30, 40))
    dataset = xr.Dataset(
        {"t": (("time", "lat", "lon"), data)},
        coords={"time": np.arange(24), "lat": np.linspace(-60, 60, 30), "lon": np.linspace(0, 351, 40)},
    )
    with get_task_stream(client) as stream:
        # The workers write the chunks, and read them back for the reductions.
        dataset.chunk({"time": 6, "lat": 15}).to_zarr(store, mode="w", consolidated=False)
        opened = xr.open_zarr(store, consolidated=False)
        assert opened.t.chunks is not None, "open_zarr should give dask-backed variables"
        mean = opened.t.mean("time").compute()
        spread = (opened.t - opened.t.mean("time")).std(("lat", "lon")).compute()
    np.testing.assert_allclose(mean.values, data.mean(axis=0))
    np.testing.assert_allclose(spread.values, (data - data.mean(axis=0)).std(axis=(1, 2)))
    return {task["worker"] for task in stream.data}


def cluster_certificate(directory: Path, cluster: str) -> tuple[Path, Path]:
    """A self-signed RSA certificate and PKCS#8 key like the ones dask-gateway issues per cluster
    (CN=dask-internal, SAN = cluster name and dask-internal); it is its own CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dask-internal")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(cluster), x509.DNSName("dask-internal")]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = directory / "dask.crt", directory / "dask.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file
