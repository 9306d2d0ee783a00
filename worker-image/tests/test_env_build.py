"""Environment builds with uv against local package indexes (never PyPI): what lands in the overlay,
hash locks, index settings (extra index, CA bundle, the spec's own --index-url), the installer's
message in the termination log, and the version guard of build-env."""

from __future__ import annotations

import datetime
import functools
import http.server
import ipaddress
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import IMAGE_DIR, lock_versions
from pyindex import SimpleIndex, sha256
from tessera_worker import envbuild, envsync
from tessera_worker.config import EnvSyncConfig, IndexSettings
from tessera_worker.errors import EnvBuildError
from tessera_worker.spec import EnvSpec, parse_requirements

TIMINGS = IMAGE_DIR / "target" / "env-sync-timings.txt"
DEAD_INDEX = "http://127.0.0.1:9/simple/"  # nothing listens on the discard port


def write_spec(tmp_path: Path, text: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "requirements.txt"
    path.write_text(text)
    return path


def build_env(procs, name: str, spec: Path, cache: Path, **env):
    """Runs the build-env role as the operator's build Job does; returns (process, termination log)."""
    termination_log = procs.log_dir / f"{name}.termination-log"
    termination_log.write_text("")  # Kubernetes creates the file; the entrypoint only writes it
    proc = procs.entrypoint(name, ["build-env"], procs.env(
        TESSERA_ENV_SPEC=spec, TESSERA_ENV_CACHE=cache, TESSERA_TERMINATION_LOG=termination_log, **env))
    return proc, termination_log


def overlay_run(prefix: Path, code: str) -> str:
    return subprocess.run([str(prefix / "bin" / "python"), "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def overlay_distributions(prefix: Path) -> set[str]:
    site = next((prefix / "lib").glob("python3*/site-packages"))
    return {p.name.split("-")[0].lower() for p in site.glob("*.dist-info")}


def test_a_package_the_image_lacks_is_installed_and_the_image_packages_are_not(procs, package_index, tmp_path):
    spec = write_spec(tmp_path, "tessera-probe==1.0\n")
    cache = tmp_path / "cache"
    started = time.monotonic()
    proc, termination_log = build_env(procs, "build", spec, cache, TESSERA_INDEX_URL=package_index.url)
    assert proc.wait(120) == 0, proc.tail()
    seconds = time.monotonic() - started
    prefix = Path(proc.stdout().strip())
    assert prefix.parent == cache / "envs"
    assert "uv pip compile" in proc.text() and "uv pip install" in proc.text()
    # tessera-probe comes from the overlay; toolz, which it requires, stays the image's.
    assert overlay_run(prefix, "import tessera_probe; print(tessera_probe.__file__)").startswith(str(prefix))
    toolz = overlay_run(prefix, "import toolz, importlib.metadata as m; print(toolz.__file__, m.version('toolz'))")
    assert not toolz.startswith(str(prefix)) and toolz.endswith(lock_versions()["toolz"]), toolz
    assert overlay_distributions(prefix) == {"tessera_probe"}
    assert (prefix / "tessera-install.txt").read_text() == "tessera-probe==1.0\n"
    assert termination_log.read_text() == ""
    TIMINGS.parent.mkdir(exist_ok=True)
    with TIMINGS.open("a") as timings:
        timings.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} build-env with uv, one package from a local index: "
                      f"{seconds:.2f} s (process start to exit)\n")


def test_an_unknown_package_fails_with_uv_message_in_the_termination_log(procs, package_index, tmp_path):
    spec = write_spec(tmp_path, "tessera-no-such-package==1.0\n")
    cache = tmp_path / "cache"
    proc, termination_log = build_env(procs, "unknown", spec, cache, TESSERA_INDEX_URL=package_index.url)
    assert proc.wait(120) == 73, proc.tail()
    message = termination_log.read_text()
    assert message.startswith("uv pip compile failed with exit code 1:"), message
    assert "No solution found when resolving dependencies" in message
    assert "tessera-no-such-package was not found in the package registry" in message
    assert "TESSERA_INDEX_URL" in message and len(message.encode()) <= 4096
    assert "not found in the package registry" in proc.text()  # uv's output is in the log too
    assert [p.name for p in (cache / "envs").iterdir()] == []


def test_build_env_refuses_an_environment_with_another_dask_naming_both_versions(procs, package_index, tmp_path):
    spec = write_spec(tmp_path, "dask==2025.1.0\n")
    proc, termination_log = build_env(procs, "old-dask", spec, tmp_path / "cache", TESSERA_INDEX_URL=package_index.url)
    assert proc.wait(120) == 78, proc.tail()
    message = termination_log.read_text()
    image_dask = lock_versions()["dask"]
    assert f"its environment has dask 2025.1.0, but the image has dask {image_dask}" in message, message
    assert f"TESSERA_ENV_SPEC={spec}" in message
    assert proc.stdout() == ""  # no environment path printed: the Job failed


def activate(spec_text: str, tmp_path: Path, **index) -> envsync.Environment:
    spec = write_spec(tmp_path, spec_text)
    return envsync.activate(EnvSyncConfig(spec=spec, cache=tmp_path / "cache", lock_timeout=60,
                                          index=IndexSettings(**index)))


def test_a_hash_lock_installs_with_matching_hashes(package_index, tmp_path):
    probe = package_index.root / "files" / "tessera_probe-1.0-py3-none-any.whl"
    built = activate(f"tessera-probe==1.0 --hash=sha256:{sha256(probe)}\n", tmp_path, index_url=package_index.url)
    assert (built.prefix / "tessera-install.txt").read_text() == f"tessera-probe==1.0 --hash=sha256:{sha256(probe)}\n"
    assert overlay_distributions(built.prefix) == {"tessera_probe"}


def test_a_hash_lock_with_a_wrong_hash_is_refused_by_uv(package_index, tmp_path):
    with pytest.raises(EnvBuildError, match="uv pip install failed") as error:
        activate(f"tessera-probe==1.0 --hash=sha256:{'0' * 64}\n", tmp_path, index_url=package_index.url)
    assert "hash" in str(error.value).lower() and "0" * 64 in str(error.value), error.value


def test_the_spec_file_index_url_wins_over_the_configured_one(package_index, tmp_path):
    built = activate(f"--index-url {package_index.url}\ntessera-probe\n", tmp_path, index_url=DEAD_INDEX)
    assert overlay_distributions(built.prefix) == {"tessera_probe"}


def test_extra_indexes_add_to_the_default_one(package_index, tmp_path):
    with SimpleIndex(tmp_path / "extra") as extra:
        extra.add("tessera-extra", "2.0")
        built = activate("tessera-probe\ntessera-extra\n", tmp_path, index_url=package_index.url,
                         extra_index_urls=(extra.url,))
    assert overlay_distributions(built.prefix) == {"tessera_probe", "tessera_extra"}


def test_the_ca_bundle_lets_uv_trust_an_https_index(package_index, tmp_path):
    ca_file, cert_file, key_file = https_certificates(tmp_path / "tls")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(package_index.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"https://127.0.0.1:{server.server_address[1]}/simple/"
    try:
        with pytest.raises(EnvBuildError, match="(?s)uv pip compile failed.*invalid peer certificate"):
            activate("tessera-probe\n", tmp_path / "untrusted", index_url=url)
        built = activate("tessera-probe\n", tmp_path / "trusted", index_url=url, ca_bundle=ca_file)
        assert overlay_distributions(built.prefix) == {"tessera_probe"}
    finally:
        server.shutdown()
        server.server_close()


def https_certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for 127.0.0.1 signed by it (PEM files)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tessera test index CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    server = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
              .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                             critical=False)
              .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
              .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
    directory.mkdir(parents=True, exist_ok=True)
    ca_file, cert_file, key_file = directory / "ca.crt", directory / "tls.crt", directory / "tls.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_file, cert_file, key_file


# ---- units: no installer runs ----

def spec_of(text: str) -> EnvSpec:
    requirements, options = parse_requirements(text, "test")
    return EnvSpec(pip=requirements, pip_options=options)


def test_resolved_pins_the_image_has_are_dropped_and_hashed_lines_kept():
    spec = spec_of(f"numpy==2.4.6\nscikit-learn==1.8.0 --hash=sha256:{'a' * 64}\n")
    resolved = "numpy==2.4.6\nscipy==1.17.0\n    # via scikit-learn\nscikit-learn==1.8.0\njoblib==1.5.3\n"
    image = {"numpy": "2.4.6", "joblib": "1.5.2"}
    assert envbuild.install_lines(resolved, spec, image) == [
        "scipy==1.17.0", f"scikit-learn==1.8.0 --hash=sha256:{'a' * 64}", "joblib==1.5.3"]


def test_index_settings_become_uv_and_pip_variables(tmp_path):
    ca = tmp_path / "ca.crt"
    index = IndexSettings("https://mirror.example.org/simple/", ("https://a.example/simple/", "https://b.example/"), ca)
    assert envbuild.installer_environment(index, spec_of("tessera-probe\n")) == {
        "UV_DEFAULT_INDEX": "https://mirror.example.org/simple/",
        "PIP_INDEX_URL": "https://mirror.example.org/simple/",
        "UV_INDEX": "https://a.example/simple/ https://b.example/",
        "PIP_EXTRA_INDEX_URL": "https://a.example/simple/ https://b.example/",
        "SSL_CERT_FILE": str(ca), "PIP_CERT": str(ca),
    }
    own_index = spec_of("--index-url https://own.example/simple\ntessera-probe\n")
    assert "UV_DEFAULT_INDEX" not in envbuild.installer_environment(index, own_index)
    assert envbuild.installer_environment(IndexSettings(), own_index) == {}


def test_an_installer_failure_keeps_the_last_three_kib_of_its_output_cut_at_lines():
    noisy = [sys.executable, "-c", "import sys\nfor i in range(2000): print('output line', i)\nsys.exit(3)"]
    with pytest.raises(EnvBuildError) as error:
        envbuild._run(noisy, "the installer", {})
    message = str(error.value)
    tail = message.split("\n", 1)[1].rsplit("\n", 1)[0]
    assert message.startswith("the installer failed with exit code 3:")
    assert tail.endswith("output line 1999") and tail.split("\n")[0].startswith("output line ")
    assert 2900 < len(tail.encode()) <= envbuild.OUTPUT_TAIL_BYTES


def test_the_termination_message_is_written_only_to_an_existing_file_and_bounded(tmp_path):
    from tessera_worker.main import write_termination_message

    missing = tmp_path / "termination-log"
    write_termination_message("boom", {"TESSERA_TERMINATION_LOG": str(missing)})
    assert not missing.exists()  # outside Kubernetes nothing is created
    missing.write_text("")
    long = "first line\n" + "".join(f"line {i}\n" for i in range(2000))
    write_termination_message(long, {"TESSERA_TERMINATION_LOG": str(missing)})
    written = missing.read_bytes()
    assert 4000 < len(written) <= 4096 and long.encode().startswith(written)
    assert long[len(written)] == "\n"  # cut at the end of a line
