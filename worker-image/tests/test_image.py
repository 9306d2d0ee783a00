"""The image's build inputs: the test venv is exactly the lock, the lock's I/O stack works, and
the Dockerfile only refers to files the build context holds. `e2e-tests/cluster/test-images.sh`
builds and runs the image itself."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

import numpy as np
import pytest

from helpers import IMAGE_DIR, lock_versions


def test_this_environment_is_exactly_the_image_lock():
    # ensure-venv.sh installs requirements.lock; operator ITs and these tests rely on that.
    different = {name: (pin, importlib.metadata.version(name)) for name, pin in lock_versions().items()
                 if importlib.metadata.version(name) != pin}
    assert not different, f"installed versions differ from requirements.lock: {different}"


@pytest.mark.parametrize("engine", ["netcdf4", "h5netcdf"])
def test_netcdf_files_round_trip_through_xarray(tmp_path, engine):
    import xarray as xr

    dataset = xr.Dataset({"t": (("x", "y"), np.arange(12.0).reshape(3, 4))})
    dataset.to_netcdf(tmp_path / "t.nc", engine=engine)
    with xr.open_dataset(tmp_path / "t.nc", engine=engine, chunks={}) as opened:
        assert float(opened.t.sum().compute()) == 66.0


def test_the_gateway_preload_and_the_dashboard_import():
    import dask_gateway.scheduler_preload  # noqa: F401  (operators may preload it for gateway compatibility)
    import distributed.dashboard.scheduler  # noqa: F401  (bokeh works with this distributed)


def dockerfile_stages() -> list[list[str]]:
    """Logical instructions of the Dockerfile (continuations joined), grouped by stage."""
    text = re.sub(r"\\\n", " ", (IMAGE_DIR / "Dockerfile").read_text())
    stages: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("FROM "):
            stages.append([])
        if line and not line.startswith("#") and stages:
            stages[-1].append(line)
    return stages


def test_the_dockerfile_copies_only_files_of_its_build_context():
    included = {line.lstrip("!").rstrip("/") for line in (IMAGE_DIR / ".dockerignore").read_text().splitlines()
                if line.startswith("!")}
    copies = [line.split()[1:-1] for stage in dockerfile_stages() for line in stage
              if line.startswith("COPY ") and "--from=" not in line]
    sources = [source for sources in copies for source in sources]
    assert sources, "the Dockerfile copies nothing from its context"
    for source in sources:
        assert (IMAGE_DIR / source).exists(), f"COPY {source}: no such file in worker-image/"
        assert source.rstrip("/") in included, f"COPY {source}: excluded by .dockerignore"


def test_the_final_stage_runs_the_entrypoint_under_an_init_as_a_non_root_user():
    stages = dockerfile_stages()
    # Every stage starts from the one base that BASE_IMAGE selects (official image or local Debian base).
    assert len(stages) >= 2 and all(stage[0].startswith("FROM ${BASE_IMAGE}") for stage in stages)
    final = stages[-1]
    user = next(line.split()[1] for line in final if line.startswith("USER "))
    assert user.split(":")[0] not in ("0", "root")
    entrypoint = next(line for line in final if line.startswith("ENTRYPOINT "))
    scripts = tomllib.loads((IMAGE_DIR / "pyproject.toml").read_text())["project"]["scripts"]
    assert entrypoint == 'ENTRYPOINT ["tini", "--", "tessera-entrypoint"]' and "tessera-entrypoint" in scripts
    runs = " ".join(line for line in final if line.startswith("RUN "))
    assert not re.search(r"\b(gcc|g\+\+|build-essential|make|cmake)\b", runs), "no build tools in the final image"
