"""Building one environment directory: an overlay on the image's own environment.

The overlay is a venv (or, for conda specs, a conda prefix) whose site-packages gets a .pth file
that appends the image's site-packages. Packages the spec installs come first on sys.path; every
other import falls through to the image, so nothing is copied and the image's pins stay. pip runs
with the image's versions as constraints, except for packages the spec names itself: asking for
"scikit-learn" never silently upgrades the image's numpy or dask, while asking for "numpy==X" does
exactly that (and the version guard then judges dask/distributed).
"""

from __future__ import annotations

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
import venv
from collections.abc import Sequence
from pathlib import Path

from packaging.utils import canonicalize_name

from .errors import EnvBuildError
from .spec import EnvSpec

log = logging.getLogger("tessera")
CONDA_TOOLS = ("micromamba", "mamba", "conda")
LAYER_FILE = "_tessera_base.pth"


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


def build(spec: EnvSpec, prefix: Path, named: frozenset[str]) -> None:
    """Creates the environment at prefix (which must not exist). Raises EnvBuildError."""
    if spec.needs_conda:
        _create_conda_prefix(spec, prefix)
    else:
        # No pip inside: the image's pip is reachable through the layer and runs against this prefix.
        venv.EnvBuilder(with_pip=False, symlinks=True).create(prefix)
    python = prefix / "bin" / "python"
    layer = Path(_site_packages(python)) / LAYER_FILE
    layer.write_text("".join(f"import site; site.addsitedir({d!r})\n" for d in base_site_dirs()))
    if spec.pip:
        _pip_install(spec, python, prefix, named)


def _pip_install(spec: EnvSpec, python: Path, prefix: Path, named: frozenset[str]) -> None:
    requirements = prefix / "tessera-requirements.txt"
    constraints = prefix / "tessera-constraints.txt"
    requirements.write_text(spec.requirements_text())
    constraints.write_text(base_constraints(named))
    _run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
          "--progress-bar", "off", "-r", str(requirements), "-c", str(constraints)], "pip install")


def _create_conda_prefix(spec: EnvSpec, prefix: Path) -> None:
    tool = os.environ.get("TESSERA_CONDA_EXE") or next(filter(None, map(shutil.which, CONDA_TOOLS)), None)
    if tool is None:
        raise EnvBuildError("the environment spec lists conda packages, but this image has no micromamba, "
                            "mamba or conda (set TESSERA_CONDA_EXE, use an image that has one, "
                            "or move the packages to the spec's pip list)")
    if spec.conda_explicit:
        explicit = prefix.with_name(prefix.name + ".explicit.txt")
        explicit.write_text("@EXPLICIT\n" + "".join(url + "\n" for url in spec.conda_explicit))
        try:
            _run([tool, "create", "--yes", "--prefix", str(prefix), "--file", str(explicit)], "conda create")
        finally:
            explicit.unlink(missing_ok=True)
        return
    python = f"python={sys.version_info.major}.{sys.version_info.minor}"
    channels = [arg for channel in spec.channels for arg in ("-c", channel)]
    _run([tool, "create", "--yes", "--prefix", str(prefix), *channels, python, *spec.conda], "conda create")


def _site_packages(python: Path) -> str:
    return _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                "reading site-packages", capture=True).strip()


def _run(command: Sequence[str], what: str, capture: bool = False) -> str:
    # Build output goes to stderr: for the runner, stdout belongs to the user's program.
    log.info("running: %s", " ".join(command))
    sys.stderr.flush()
    result = subprocess.run(command, stdout=subprocess.PIPE if capture else sys.stderr.fileno(),
                            stderr=None if capture else subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise EnvBuildError(f"{what} failed with exit code {result.returncode} (its output is above); "
                            "fix the environment spec or the package index settings (PIP_INDEX_URL)")
    return result.stdout or ""
