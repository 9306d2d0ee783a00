"""Building one environment directory: an overlay on the image's own environment.

The overlay is a venv (or, for conda specs, a conda prefix) whose site-packages gets a .pth file
that appends the image's site-packages. Packages the spec installs come first on sys.path; every
other import falls through to the image, so nothing is copied and the image's pins stay.

pip packages are resolved with the image's versions as constraints, except for packages the spec
names itself: asking for "scikit-learn" never silently upgrades the image's numpy or dask, while
asking for "numpy==X" does exactly that (and the version guard then judges dask/distributed).
uv installs them (`uv pip compile`, then `uv pip install --no-deps` of what the image lacks: uv does
not see the packages the layer file adds); without uv the image's pip does both in one step.
"""

from __future__ import annotations

import collections
import hashlib
import importlib.metadata
import logging
import os
import platform
import shutil
import site
import subprocess
import sys
import sysconfig
import tempfile
import venv
from collections.abc import Sequence
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from .config import IndexSettings
from .errors import EnvBuildError
from .spec import EnvSpec

log = logging.getLogger("tessera")
CONDA_TOOLS = ("micromamba", "mamba", "conda")
LAYER_FILE = "_tessera_base.pth"
OUTPUT_TAIL_BYTES = 3072  # of the installer's output in the error; Kubernetes keeps 4 KiB of it


def base_site_dirs() -> list[str]:
    """The image environment's site-packages directories (this interpreter's, not PYTHONPATH)."""
    dirs = [*site.getsitepackages(), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    return [d for d in dict.fromkeys(dirs) if os.path.isdir(d)]


def _base_distributions() -> list[importlib.metadata.Distribution]:
    return list(importlib.metadata.distributions(path=base_site_dirs()))


def base_fingerprint() -> str:
    """Identifies the base an overlay is built on: Python, machine and every installed version."""
    pins = sorted({f"{canonicalize_name(d.metadata['Name'])}=={d.version}" for d in _base_distributions()})
    text = "\n".join([sys.version, platform.machine(), *pins])
    return hashlib.sha256(text.encode()).hexdigest()


def base_constraints(named: frozenset[str]) -> str:
    """The image's versions as pip constraints, minus the packages the spec names itself and
    minus packages installed from a local path or URL (not resolvable from an index)."""
    lines = set()
    for dist in _base_distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name not in named and dist.read_text("direct_url.json") is None:
            lines.add(f"{name}=={dist.version}\n")
    return "".join(sorted(lines))


def build(spec: EnvSpec, prefix: Path, named: frozenset[str], index: IndexSettings | None = None) -> None:
    """Creates the environment at prefix (which must not exist). Raises EnvBuildError."""
    env = {**os.environ, **installer_environment(index or IndexSettings(), spec)}
    if spec.needs_conda:
        _create_conda_prefix(spec, prefix, env)
    else:
        # No installer inside: uv (or the image's pip, reachable through the layer) installs into it.
        venv.EnvBuilder(with_pip=False, symlinks=True).create(prefix)
    python = prefix / "bin" / "python"
    layer = Path(_site_packages(python)) / LAYER_FILE
    layer.write_text("".join(f"import site; site.addsitedir({d!r})\n" for d in base_site_dirs()))
    if spec.pip:
        uv = find_uv()
        if uv:
            _uv_install(uv, spec, python, prefix, named, env)
        else:
            log.warning("uv is not in this image: installing with pip, which is several times slower")
            _pip_install(spec, python, prefix, named, env)


def installer_environment(index: IndexSettings, spec: EnvSpec) -> dict[str, str]:
    """The index settings as uv's and pip's variables. An --index-url in the spec file itself wins
    (as with pip): uv would otherwise let UV_DEFAULT_INDEX override it."""
    env = {}
    if index.index_url and not any(option.split()[0].split("=")[0] in ("-i", "--index-url")
                                   for option in spec.pip_options):
        env["UV_DEFAULT_INDEX"] = env["PIP_INDEX_URL"] = index.index_url
    if index.extra_index_urls:
        env["UV_INDEX"] = env["PIP_EXTRA_INDEX_URL"] = " ".join(index.extra_index_urls)
    if index.ca_bundle:
        env["SSL_CERT_FILE"] = env["PIP_CERT"] = str(index.ca_bundle)
    return env


def find_uv() -> str | None:
    """The uv binary of the image's environment (the uv package), else one on PATH."""
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


def image_versions() -> dict[str, str]:
    """Canonical name -> version of every distribution the overlay reaches through its layer."""
    return {canonicalize_name(d.metadata["Name"]): d.version for d in reversed(_base_distributions())}


def _uv_install(uv: str, spec: EnvSpec, python: Path, prefix: Path, named: frozenset[str],
                env: dict[str, str]) -> None:
    """Resolve against the image's pins, then install only what the image lacks, without deps:
    uv does not see the packages the layer file adds, so a plain install would copy them all."""
    requirements = prefix / "tessera-requirements.txt"
    constraints = prefix / "tessera-constraints.txt"
    resolved = prefix / "tessera-resolved.txt"
    requirements.write_text(spec.requirements_text())
    constraints.write_text(base_constraints(named))
    with tempfile.TemporaryDirectory(prefix="tessera-uv-cache-") as cache:
        uv_env = {**env, "UV_CACHE_DIR": cache, "UV_LINK_MODE": "copy", "UV_NO_CONFIG": "1",
                  "UV_PYTHON_DOWNLOADS": "never", "NO_COLOR": "1"}
        _run([uv, "pip", "compile", "--no-progress", "--no-header", "--no-annotate",
              "--python", str(python), "--constraints", str(constraints), "--output-file", str(resolved),
              str(requirements)], "uv pip compile", uv_env)
        install = install_lines(resolved.read_text(), spec, image_versions())
        if not install:
            log.info("every resolved package is the image's own: nothing to install")
            return
        (prefix / "tessera-install.txt").write_text("".join(line + "\n" for line in (*spec.pip_options, *install)))
        hashes = ["--require-hashes"] if spec.has_hashes else []
        _run([uv, "pip", "install", "--no-progress", "--no-deps", *hashes, "--python", str(python),
              "-r", str(prefix / "tessera-install.txt")], "uv pip install", uv_env)


def install_lines(resolved: str, spec: EnvSpec, image: dict[str, str]) -> list[str]:
    """What uv pip compile resolved, minus the pins the image already has at that version; the
    spec's own line (with its --hash options) replaces the resolved pin when the spec pins it."""
    hashed = {}
    for line in spec.pip:
        requirement = Requirement(line.split(" --")[0])
        if " --hash" in line:
            hashed[canonicalize_name(requirement.name)] = (requirement, line)
    install = []
    for raw in resolved.splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        pinned = _pinned_version(requirement)
        if pinned is not None and name in image and _same(image[name], pinned):
            continue
        own = hashed.get(name)
        if own and pinned is not None and own[0].specifier.contains(pinned, prereleases=True):
            line = own[1]
        install.append(line)
    return install


def _same(installed: str, pinned: Version) -> bool:
    try:
        return Version(installed) == pinned
    except InvalidVersion:
        return False


def _pinned_version(requirement: Requirement) -> Version | None:
    specifiers = list(requirement.specifier)
    if requirement.url or len(specifiers) != 1 or specifiers[0].operator not in ("==", "==="):
        return None
    try:
        return Version(specifiers[0].version)
    except InvalidVersion:
        return None


def _pip_install(spec: EnvSpec, python: Path, prefix: Path, named: frozenset[str], env: dict[str, str]) -> None:
    requirements = prefix / "tessera-requirements.txt"
    constraints = prefix / "tessera-constraints.txt"
    requirements.write_text(spec.requirements_text())
    constraints.write_text(base_constraints(named))
    _run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
          "--progress-bar", "off", "-r", str(requirements), "-c", str(constraints)], "pip install", env)


def _create_conda_prefix(spec: EnvSpec, prefix: Path, env: dict[str, str]) -> None:
    tool = os.environ.get("TESSERA_CONDA_EXE") or next(filter(None, map(shutil.which, CONDA_TOOLS)), None)
    if tool is None:
        raise EnvBuildError("the environment spec lists conda packages, but this image has no micromamba, "
                            "mamba or conda (set TESSERA_CONDA_EXE, use an image that has one, "
                            "or move the packages to the spec's pip list)")
    if spec.conda_explicit:
        explicit = prefix.with_name(prefix.name + ".explicit.txt")
        explicit.write_text("@EXPLICIT\n" + "".join(url + "\n" for url in spec.conda_explicit))
        try:
            _run([tool, "create", "--yes", "--prefix", str(prefix), "--file", str(explicit)], "conda create", env)
        finally:
            explicit.unlink(missing_ok=True)
        return
    python = f"python={sys.version_info.major}.{sys.version_info.minor}"
    channels = [arg for channel in spec.channels for arg in ("-c", channel)]
    _run([tool, "create", "--yes", "--prefix", str(prefix), *channels, python, *spec.conda], "conda create", env)


def _site_packages(python: Path) -> str:
    result = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise EnvBuildError(f"the new environment's interpreter {python} does not run: {result.stderr.strip()}")
    return result.stdout.strip()


def _run(command: Sequence[str], what: str, env: dict[str, str]) -> None:
    """Runs an installer, echoing its output to stderr (the pod's log) and keeping its last lines
    for the error: that is what the operator shows in the EnvironmentReady condition."""
    log.info("running: %s", " ".join(command))
    sys.stderr.flush()
    lines: collections.deque[str] = collections.deque()
    size = 0
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                          env=env, text=True, errors="replace") as process:
        assert process.stdout is not None
        for line in process.stdout:
            # Build output goes to stderr: for the runner, stdout belongs to the user's program.
            sys.stderr.write(line)
            lines.append(line)
            size += len(line.encode())
            while size > OUTPUT_TAIL_BYTES and len(lines) > 1:
                size -= len(lines.popleft().encode())
    sys.stderr.flush()
    if process.returncode != 0:
        tail = "".join(lines).rstrip()
        if len(tail.encode()) > OUTPUT_TAIL_BYTES:  # one line longer than the bound: keep its end
            tail = "…" + tail.encode()[-OUTPUT_TAIL_BYTES:].decode(errors="ignore")
        raise EnvBuildError(f"{what} failed with exit code {process.returncode}:\n{tail or '(no output)'}\n"
                            "Fix the environment spec, or the package index settings "
                            "(TESSERA_INDEX_URL, TESSERA_EXTRA_INDEX_URLS, TESSERA_CA_BUNDLE).")
