"""Unit tests: reading environment specs, normalising them, and the cache key."""

from __future__ import annotations

import sys

import pytest

from tessera_worker import spec
from tessera_worker.errors import SpecError

BASE = "base-fingerprint"
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


def load(tmp_path, name: str, text: str) -> spec.EnvSpec:
    path = tmp_path / name
    path.write_text(text)
    return spec.load(path)


def key(tmp_path, name: str, text: str, base: str = BASE) -> str:
    return spec.environment_key(load(tmp_path, name, text), base)


def test_equivalent_requirement_files_share_one_key(tmp_path):
    plain = key(tmp_path, "a.txt", "scikit-learn>=1.5\nTabulate==0.9.0\n")
    spelled_otherwise = key(tmp_path, "b.txt", (
        "# what the notebook had\n"
        "tabulate == 0.9.0   # pretty tables\n"
        "\n"
        "scikit_learn\\\n"
        "  >=1.5\n"
    ))
    as_yaml = key(tmp_path, "c.yaml", "pip:\n  - scikit-learn >=1.5\n  - tabulate==0.9.0\n")
    assert plain == spelled_otherwise == as_yaml


@pytest.mark.parametrize("other", ["scikit-learn>=1.6\ntabulate==0.9.0\n", "scikit-learn>=1.5\n",
                                   "scikit-learn[alldeps]>=1.5\ntabulate==0.9.0\n"])
def test_different_requirements_get_different_keys(tmp_path, other):
    assert key(tmp_path, "a.txt", "scikit-learn>=1.5\ntabulate==0.9.0\n") != key(tmp_path, "b.txt", other)


def test_the_base_environment_is_part_of_the_key(tmp_path):
    assert key(tmp_path, "a.txt", "tabulate\n") != key(tmp_path, "a.txt", "tabulate\n", base="another image")


def test_normalised_requirements_keep_extras_markers_and_sorted_hashes(tmp_path):
    parsed = load(tmp_path, "lock.txt", (
        "--index-url https://pypi.example.org/simple\n"
        "Foo_Bar[b,A]==1.0 ; python_version >= '3.8' --hash=sha256:bbb --hash=sha256:aaa\n"
        "pkg @ https://example.org/pkg-1.0-py3-none-any.whl#sha256=abc\n"
    ))
    assert parsed.pip_options == ("--index-url https://pypi.example.org/simple",)
    assert parsed.pip == (
        'foo-bar[a,b]==1.0 ; python_version >= "3.8" --hash=sha256:aaa --hash=sha256:bbb',
        "pkg @ https://example.org/pkg-1.0-py3-none-any.whl#sha256=abc",
    )
    assert parsed.named_packages() == {"foo-bar", "pkg"}
    assert parsed.requirements_text().splitlines()[0].startswith("--index-url")


@pytest.mark.parametrize("name, text, message", [
    ("a.txt", "-r other.txt\n", "'-r' is not supported"),
    ("a.txt", "--editable ./src\n", "'--editable' is not supported"),
    ("a.txt", "numpy\nnot a requirement!\n", "a.txt:2: 'not a requirement!' is not a requirement"),
    ("a.txt", "numpy --no-binary numpy\n", "only --hash may follow a requirement"),
    ("env.yaml", "pipp: [numpy]\n", r"unknown keys \['pipp'\]"),
    ("env.yaml", "pip: numpy\n", "pip must be a list of non-empty strings"),
    ("env.yaml", "- numpy\n", "must be a mapping"),
    ("env.yaml", "conda: [python=2.7]\n", "the image runs Python"),
    ("env.yaml", "conda: [python>=3]\n", "write the Python entry as python="),
    ("env.yaml", "pip: [\n", "is not valid YAML"),
])
def test_bad_specs_are_refused_with_a_clear_message(tmp_path, name, text, message):
    with pytest.raises(SpecError, match=message):
        load(tmp_path, name, text)


def test_conda_environment_yml_is_read(tmp_path):
    parsed = load(tmp_path, "environment.yml", (
        "name: analysis\n"
        "channels: [conda-forge, defaults]\n"
        "dependencies:\n"
        f"  - python={PYTHON}\n"
        "  - pip\n"
        "  - gdal  >=3.8\n"
        "  - conda-forge::proj\n"
        "  - pip:\n"
        "      - tabulate\n"
    ))
    assert parsed.conda == ("conda-forge::proj", "gdal >=3.8")
    assert parsed.channels == ("conda-forge", "defaults")
    assert parsed.pip == ("tabulate",)
    assert parsed.needs_conda and parsed.named_packages() == {"gdal", "proj", "tabulate"}


def test_a_spec_with_only_python_and_pip_needs_no_conda(tmp_path):
    parsed = load(tmp_path, "env.yaml", f"dependencies: [python={PYTHON}.*, pip, {{pip: [tabulate]}}]\n")
    assert not parsed.needs_conda and parsed.pip == ("tabulate",)


def test_json_specs_are_read_like_yaml(tmp_path):
    as_json = key(tmp_path, "env.json", '{"pip": ["tabulate"], "conda": ["gdal"], "channels": ["conda-forge"]}')
    as_yaml = key(tmp_path, "env.yaml", "channels: [conda-forge]\nconda: [gdal]\npip: [tabulate]\n")
    assert as_json == as_yaml


def test_conda_explicit_locks_keep_their_order(tmp_path):
    parsed = load(tmp_path, "conda-linux-64.lock", (
        "# platform: linux-64\n@EXPLICIT\n"
        "https://conda.anaconda.org/conda-forge/linux-64/b-1.0-0.conda#abc\n"
        "https://conda.anaconda.org/conda-forge/linux-64/a-1.0-0.conda#def\n"
    ))
    assert parsed.conda_explicit[0].endswith("b-1.0-0.conda#abc") and parsed.needs_conda
    with pytest.raises(SpecError, match="lists no packages"):
        load(tmp_path, "empty.lock", "@EXPLICIT\n")


def test_an_unreadable_spec_is_a_spec_error(tmp_path):
    with pytest.raises(SpecError, match="cannot read the environment spec"):
        spec.load(tmp_path / "missing.txt")
