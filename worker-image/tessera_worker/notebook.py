"""Workers that match your notebook: pin the notebook's packages as a Tessera environment.

Standard library only, so this file can be copied into any notebook environment as is. It reads the
distributions installed in the running interpreter, skips those installed from a local path or URL
(they are on no index) and notebook-only tooling (DEFAULT_EXCLUDE), keeps those whose exact version
the package index offers, and returns the `environment` option of a Tessera cluster:

    from tessera_worker.notebook import new_cluster   # or this file copied as tessera_notebook.py
    cluster = new_cluster(gateway, worker_cores=2)     # gateway = dask_gateway.Gateway(...)

    from tessera_worker.notebook import environment
    cluster = gateway.new_cluster(environment=environment(), worker_cores=2)

    python -m tessera_worker.notebook [--index-url URL] [--exclude PATTERN ...]   # JSON on stdout

The index is the argument, else PIP_INDEX_URL, else PyPI; it should be the one the cluster's builds
use (the chart's operator.environments.indexUrl). The workers' dask and distributed are the image's:
a notebook with other versions gets a refused environment naming both (upgrade the notebook's, or ask
for a matching image).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import fnmatch
import html.parser
import importlib.metadata
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

PYPI = "https://pypi.org/simple/"
# Notebook tooling the workers never import, and installers the image brings itself (fnmatch
# patterns over normalised names). Pass exclude=(*DEFAULT_EXCLUDE, "my-tool") to add to it, or
# exclude=() to keep everything.
DEFAULT_EXCLUDE = (
    "jupyter*", "ipykernel", "ipython", "ipython-pygments-lexers", "ipywidgets", "notebook", "notebook-shim",
    "nbclient", "nbconvert", "nbformat", "nbclassic", "widgetsnbextension", "voila", "debugpy", "comm",
    "matplotlib-inline", "terminado", "send2trash", "argon2-cffi*", "json5", "async-lru", "pip", "setuptools",
    "wheel", "uv", "tessera-worker",
)
TIMEOUT = 10.0  # seconds per index request
WORKERS = 16  # concurrent index requests
_NO_ANSWER = "the index did not answer"


@dataclass
class Sync:
    """What `sync` found: the pins to install, and each skipped distribution with the reason."""

    pins: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def environment(self) -> dict[str, list[str]]:
        return {"pip": list(self.pins)}


def normalise(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def sync(index_url: str | None = None, exclude: Iterable[str] = DEFAULT_EXCLUDE, *,
         path: list[str] | None = None, timeout: float = TIMEOUT) -> Sync:
    """Pins of the installed distributions (of sys.path, or of `path`) that the index offers."""
    index = _index_url(index_url)
    patterns = [normalise(pattern) for pattern in exclude]
    result = Sync()
    candidates: dict[str, tuple[str, str]] = {}  # normalised name -> (name, version)
    for dist in importlib.metadata.distributions(**({"path": path} if path is not None else {})):
        name = dist.metadata["Name"]
        if not name:
            continue
        key = normalise(name)
        if key in candidates or key in result.skipped:
            continue  # the first one on the path is the one imported
        if any(fnmatch.fnmatchcase(key, pattern) for pattern in patterns):
            result.skipped[key] = "excluded (notebook tooling or installer)"
        elif dist.read_text("direct_url.json") is not None:
            result.skipped[key] = f"installed from a local path or URL, not from an index ({name} {dist.version})"
        else:
            candidates[key] = (name, dist.version)
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = dict(zip(candidates, pool.map(lambda key: _offered(index, key, candidates[key][1], timeout),
                                                candidates), strict=True))
    unreachable = [problem for problem in answers.values() if problem and problem.startswith(_NO_ANSWER)]
    if candidates and len(unreachable) == len(candidates):
        raise ConnectionError(f"the package index did not answer for any package: {unreachable[0]}; pass "
                              "index_url= (or set PIP_INDEX_URL) to the index the cluster's builds use")
    for key, problem in answers.items():
        name, version = candidates[key]
        if problem is None:
            result.pins.append(f"{name}=={version}")
        else:
            result.skipped[key] = problem
    result.pins.sort(key=str.lower)
    return result


def environment(index_url: str | None = None, exclude: Iterable[str] = DEFAULT_EXCLUDE) -> dict[str, list[str]]:
    """The `environment` option for `gateway.new_cluster`: {"pip": ["name==version", ...]}."""
    return sync(index_url, exclude).environment


def new_cluster(gateway: Any, index_url: str | None = None, exclude: Iterable[str] = DEFAULT_EXCLUDE,
                **options: Any) -> Any:
    """gateway.new_cluster(environment=<this notebook's packages>, **options) with the unchanged
    dask-gateway client; other cluster options (worker_cores, ...) pass through."""
    return gateway.new_cluster(environment=environment(index_url, exclude), **options)


def _index_url(index_url: str | None) -> str:
    url = index_url or os.environ.get("PIP_INDEX_URL") or PYPI
    return url if url.endswith("/") else url + "/"


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            path = urllib.parse.urlsplit(href).path
            self.files.append(urllib.parse.unquote(path.rsplit("/", 1)[-1]))


def _offered(index: str, key: str, version: str, timeout: float) -> str | None:
    """None when the index's page for the project lists a file of exactly this version, else why not."""
    url = urllib.parse.urljoin(index, f"{key}/")
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            page = response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as e:
        return "not on the index" if e.code == 404 else f"the index answered {e.code} for {url}"
    except (urllib.error.URLError, OSError) as e:
        return f"{_NO_ANSWER} ({getattr(e, 'reason', e)}) at {url}"
    parser = _Links()
    parser.feed(page)
    if any(_file_version(name, key) == _canonical_version(version) for name in parser.files):
        return None
    return f"the index does not offer version {version}"


def _file_version(filename: str, key: str) -> str | None:
    """The version part of a wheel or sdist file name of project `key`, else None."""
    if filename.endswith(".whl"):
        parts = filename[:-4].split("-")
        return _canonical_version(parts[1]) if len(parts) >= 5 and normalise(parts[0]) == key else None
    for suffix in (".tar.gz", ".zip", ".tar.bz2", ".tgz"):
        if filename.endswith(suffix):
            stem = filename[: -len(suffix)]
            name, _, version = stem.rpartition("-")
            return _canonical_version(version) if normalise(name) == key else None
    return None


def _canonical_version(version: str) -> str:
    """File names spell a version's '-' as '_'; enough to compare with installed versions."""
    return version.lower().replace("_", "-")


def _summary(result: Sync, index: str) -> str:
    lines = [f"{len(result.pins)} packages pinned from {index}; {len(result.skipped)} skipped:"]
    lines += [f"  {name}: {why}" for name, why in sorted(result.skipped.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tessera_worker.notebook",
                                     description="Print this interpreter's packages as a Tessera environment "
                                                 "(JSON on stdout, what was skipped and why on stderr).")
    parser.add_argument("--index-url", help="the package index (default: PIP_INDEX_URL, else PyPI)")
    parser.add_argument("--exclude", action="append", metavar="PATTERN",
                        help="skip distributions matching PATTERN (repeatable; replaces the default list: "
                             f"{' '.join(DEFAULT_EXCLUDE)})")
    args = parser.parse_args(argv)
    result = sync(args.index_url, DEFAULT_EXCLUDE if args.exclude is None else args.exclude)
    print(json.dumps(result.environment, indent=2))
    print(_summary(result, _index_url(args.index_url)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
