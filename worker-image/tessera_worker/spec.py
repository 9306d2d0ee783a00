"""Environment specs: the accepted formats, each reduced to one normalised form whose hash names
the built environment. Equivalent specs (other order, case, comments, `_` for `-`) must share one
build, and different ones must never share it. Pure: no files are written, nothing is installed.

Accepted formats (TESSERA_ENV_SPEC):
- a pip requirements file or pip lock (`pip freeze`, pip-compile output with --hash options);
- YAML or JSON with `pip:`, `conda:` and `channels:` lists, or a conda environment.yml
  (`dependencies:` with a nested `pip:` list);
- a conda explicit lock (`@EXPLICIT` followed by package URLs).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from .errors import SpecError

# Bump when the normalisation changes, so that old cache entries are not reused under new rules.
NORMALISATION_VERSION = 1
STRUCTURED_SUFFIXES = (".yaml", ".yml", ".json")
_STRUCTURED_KEYS = ("pip", "conda", "channels", "dependencies", "name")
# Options that point at other files or at source trees: the hash could not cover what they bring in.
_REFUSED_OPTIONS = ("-r", "--requirement", "-c", "--constraint", "-e", "--editable")
_OPTION_START = re.compile(r"\s+(?=--?[A-Za-z])")
_CONDA_NAME = re.compile(r"^(?:[^:\s]+::)?([A-Za-z0-9_.-]+)")
_CONDA_PYTHON_VERSION = re.compile(r"^python\s*(?:==?|\s)\s*(\d+)\.(\d+)(?:\.\*|\*|\.\d+)?$")


@dataclass(frozen=True)
class EnvSpec:
    pip: tuple[str, ...] = ()  # normalised requirements, sorted (order does not matter to pip)
    pip_options: tuple[str, ...] = ()  # global pip options, in file order
    conda: tuple[str, ...] = ()  # conda match specs, sorted
    channels: tuple[str, ...] = ()  # conda channels, in priority order (order matters)
    conda_explicit: tuple[str, ...] = ()  # package URLs of a conda explicit lock, in file order

    @property
    def needs_conda(self) -> bool:
        return bool(self.conda or self.conda_explicit)

    @property
    def has_hashes(self) -> bool:
        """A hash-checking lock: every package installed must then match one of its hashes."""
        return any(" --hash" in line for line in self.pip)

    def named_packages(self) -> frozenset[str]:
        """Canonical names the spec asks for explicitly: these may differ from the image's pins."""
        names = {canonicalize_name(Requirement(line.split(" --")[0]).name) for line in self.pip}
        names |= {canonicalize_name(_conda_name(entry)) for entry in self.conda}
        return frozenset(names)

    def to_json(self) -> dict:
        return {
            "normalisation": NORMALISATION_VERSION,
            "pip": list(self.pip),
            "pip_options": list(self.pip_options),
            "conda": list(self.conda),
            "channels": list(self.channels),
            "conda_explicit": list(self.conda_explicit),
        }

    def requirements_text(self) -> str:
        """The pip part as a requirements file, options first as pip expects."""
        return "".join(line + "\n" for line in (*self.pip_options, *self.pip))


def load(path: Path) -> EnvSpec:
    """Reads and normalises a spec file; raises SpecError naming the file and line on bad input."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SpecError(f"cannot read the environment spec {path}: {e}") from e
    if path.suffix.lower() in STRUCTURED_SUFFIXES:
        return parse_structured(text, str(path))
    if any(line.strip() == "@EXPLICIT" for line in text.splitlines()):
        return parse_conda_explicit(text, str(path))
    requirements, options = parse_requirements(text, str(path))
    return EnvSpec(pip=requirements, pip_options=options)


def environment_key(spec: EnvSpec, base_fingerprint: str) -> str:
    """Names a built environment: the normalised spec plus the base it is layered on (an overlay
    built on one image's packages is not valid on another's)."""
    payload = json.dumps({"spec": spec.to_json(), "base": base_fingerprint}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def parse_requirements(text: str, source: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Normalises a requirements file into (sorted requirements, global options in order)."""
    requirements: list[str] = []
    options: list[str] = []
    for number, line in _logical_lines(text):
        if line.startswith("-"):
            flag = re.split(r"[\s=]", line, maxsplit=1)[0]
            if flag in _REFUSED_OPTIONS:
                raise SpecError(f"{source}:{number}: '{flag}' is not supported in an environment spec "
                                "(list the packages themselves, so that the spec's hash covers them)")
            options.append(" ".join(line.split()))
        else:
            requirements.append(normalise_requirement(line, f"{source}:{number}"))
    return tuple(sorted(set(requirements))), tuple(options)


def normalise_requirement(line: str, where: str) -> str:
    """One requirement in canonical spelling, with its per-requirement options (--hash) sorted."""
    requirement, *options = _OPTION_START.split(line.strip())
    for option in options:
        if not option.startswith("--hash"):
            raise SpecError(f"{where}: only --hash may follow a requirement, not {option.split()[0]!r}")
    try:
        parsed = Requirement(requirement)
    except InvalidRequirement as e:
        raise SpecError(f"{where}: {requirement!r} is not a requirement ({e}); "
                        "write 'name==version', or 'name @ URL' for a direct link") from e
    text = canonicalize_name(parsed.name)
    if parsed.extras:
        text += "[" + ",".join(sorted(canonicalize_name(e) for e in parsed.extras)) + "]"
    text += str(parsed.specifier)
    if parsed.url:
        text += f" @ {parsed.url}"
    if parsed.marker:
        text += f" ; {parsed.marker}"
    return " ".join([text, *sorted(options)])


def parse_structured(text: str, source: str) -> EnvSpec:
    """The YAML/JSON form: {pip: [...], conda: [...], channels: [...]} or a conda environment.yml."""
    import yaml  # PyYAML comes with dask; imported here so that pure-pip specs need nothing else

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise SpecError(f"{source} is not valid YAML/JSON: {e}") from e
    if not isinstance(data, dict):
        raise SpecError(f"{source} must be a mapping with keys among {', '.join(_STRUCTURED_KEYS)}")
    unknown = sorted(set(data) - set(_STRUCTURED_KEYS))
    if unknown:
        raise SpecError(f"{source}: unknown keys {unknown}; expected keys among {', '.join(_STRUCTURED_KEYS)}")
    pip = list(_strings(data.get("pip"), f"{source}: pip"))
    conda = list(_strings(data.get("conda"), f"{source}: conda"))
    for entry in data.get("dependencies") or []:
        if isinstance(entry, dict) and set(entry) == {"pip"}:
            pip += _strings(entry["pip"], f"{source}: dependencies.pip")
        elif isinstance(entry, str) and entry.strip():
            conda.append(" ".join(entry.split()))
        else:
            raise SpecError(f"{source}: dependencies may hold conda specs and one {{pip: [...]}} entry, not {entry!r}")
    requirements, options = parse_requirements("\n".join(pip), f"{source} (pip)")
    return EnvSpec(
        pip=requirements,
        pip_options=options,
        conda=tuple(sorted(set(_conda_entries(conda, source)))),
        channels=tuple(_strings(data.get("channels"), f"{source}: channels")),
    )


def parse_conda_explicit(text: str, source: str) -> EnvSpec:
    urls = [line for _, line in _logical_lines(text) if line != "@EXPLICIT"]
    if not urls:
        raise SpecError(f"{source}: the conda explicit lock lists no packages")
    return EnvSpec(conda_explicit=tuple(urls))


def _logical_lines(text: str) -> Iterable[tuple[int, str]]:
    """Non-empty lines without comments, continuation lines joined, as pip reads them."""
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = (pending + line).strip(), ""
        if line:
            yield start, line
    if pending.strip():
        yield start, pending.strip()


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SpecError(f"{where} must be a list of non-empty strings")
    return [" ".join(v.split()) for v in value]


def _conda_name(entry: str) -> str:
    match = _CONDA_NAME.match(entry)
    if not match:
        raise SpecError(f"{entry!r} is not a conda package spec")
    return match[1].lower()


def _conda_entries(entries: list[str], source: str) -> Iterable[str]:
    """Conda specs minus `pip` and `python`: pip is the image's, and Python cannot change."""
    for entry in entries:
        name = _conda_name(entry)
        if name == "pip":
            continue
        if name == "python":
            _check_python(entry, source)
            continue
        yield entry


def _check_python(entry: str, source: str) -> None:
    if entry.lower() == "python":
        return
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    match = _CONDA_PYTHON_VERSION.match(entry.lower())
    if match is None:
        raise SpecError(f"{source}: write the Python entry as python={running} (got {entry!r})")
    if f"{match[1]}.{match[2]}" != running:
        raise SpecError(f"{source}: asks for {entry!r} but the image runs Python {running}; "
                        f"an environment cannot change Python (use python={running} or another image)")
