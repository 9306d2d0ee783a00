"""Unit tests: parsing the role and the environment variables, and what each role would exec."""

from __future__ import annotations

from pathlib import Path

import pytest

from tessera_worker import config, roles
from tessera_worker.envsync import Environment
from tessera_worker.errors import ConfigError
from tessera_worker.versions import same_version


def parse(*argv: str, **environ: str) -> config.Config:
    return config.parse(list(argv), environ)


def errors_of(*argv: str, **environ: str) -> str:
    with pytest.raises(ConfigError) as error:
        parse(*argv, **environ)
    return str(error.value)


@pytest.fixture
def tls_files(tmp_path) -> dict[str, str]:
    for name in ("ca.crt", "tls.crt", "tls.key"):
        (tmp_path / name).write_text("")
    return {"TESSERA_TLS_CA_FILE": str(tmp_path / "ca.crt"), "TESSERA_TLS_CERT_FILE": str(tmp_path / "tls.crt"),
            "TESSERA_TLS_KEY_FILE": str(tmp_path / "tls.key")}


def test_scheduler_defaults():
    parsed = parse("scheduler")
    assert (parsed.role, parsed.scheduler_port, parsed.dashboard_port) == ("scheduler", 8786, 8787)
    assert parsed.dashboard is True
    assert parsed.tls is None and parsed.env is None and parsed.dashboard_prefix is None


def test_role_may_come_from_the_environment_but_must_not_contradict_the_argument():
    assert parse(TESSERA_ROLE="scheduler").role == "scheduler"
    assert "the argument says 'worker' but TESSERA_ROLE says 'scheduler'" in errors_of(
        "worker", TESSERA_ROLE="scheduler", DASK_SCHEDULER_ADDRESS="s:8786", TESSERA_WORKER_NAME="w")
    assert "unknown role 'nanny'" in errors_of("nanny")


def test_worker_settings_are_parsed_and_the_address_normalised():
    parsed = parse("worker", DASK_SCHEDULER_ADDRESS="demo-scheduler.team.svc", TESSERA_WORKER_NAME="demo-worker-x",
                   TESSERA_WORKER_THREADS="4", TESSERA_WORKER_MEMORY_LIMIT="8589934592",
                   TESSERA_WORKER_RESOURCES="GPU=1, MEM=8.5")
    assert parsed.scheduler_address == "tcp://demo-scheduler.team.svc:8786"
    assert (parsed.worker_threads, parsed.worker_memory_limit) == (4, 8589934592)
    assert parsed.worker_resources == "GPU=1 MEM=8.5"
    tiny = parse("worker", DASK_SCHEDULER_ADDRESS="s", TESSERA_WORKER_NAME="w", TESSERA_WORKER_RESOURCES="TOKEN=1.0E-4")
    assert tiny.worker_resources == "TOKEN=1.0E-4"  # how Java prints small doubles
    for bad in ("GPU=-1", "GPU=nan", "GPU=", "=1", "GPU"):
        assert "not of the form NAME=amount" in errors_of(
            "worker", DASK_SCHEDULER_ADDRESS="s", TESSERA_WORKER_NAME="w", TESSERA_WORKER_RESOURCES=bad)


def test_every_problem_is_reported_at_once():
    message = errors_of("worker", TESSERA_WORKER_THREADS="many", TESSERA_WORKER_MEMORY_LIMIT="8Gi",
                        TESSERA_WORKER_RESOURCES="GPU:1", TESSERA_DASHBOARD="maybe", TESSERA_SCHEDULER_PORT="99999")
    for expected in ("DASK_SCHEDULER_ADDRESS is required", "TESSERA_WORKER_NAME is required",
                     "TESSERA_WORKER_THREADS='many'", "TESSERA_WORKER_MEMORY_LIMIT='8Gi' is not a whole number",
                     "GPU:1 not of the form NAME=amount", "TESSERA_DASHBOARD='maybe' is not a boolean",
                     "TESSERA_SCHEDULER_PORT='99999' is not a whole number between 1 and 65535"):
        assert expected in message


def test_tls_is_all_or_nothing(tls_files):
    assert "TLS is half configured" in errors_of("scheduler", TESSERA_TLS_CA_FILE=tls_files["TESSERA_TLS_CA_FILE"])
    missing = {**tls_files, "TESSERA_TLS_KEY_FILE": "/no/such/key.pem"}
    assert "TESSERA_TLS_KEY_FILE='/no/such/key.pem': no such file" in errors_of("scheduler", **missing)
    assert parse("scheduler", **tls_files).tls.key_file == Path(tls_files["TESSERA_TLS_KEY_FILE"])


def test_with_tls_the_scheduler_address_is_tls(tls_files):
    worker = {"TESSERA_WORKER_NAME": "w", **tls_files}
    assert parse("worker", DASK_SCHEDULER_ADDRESS="s:9000", **worker).scheduler_address == "tls://s:9000"
    plain = errors_of("worker", DASK_SCHEDULER_ADDRESS="tcp://s:9000", **worker)
    assert "uses tcp:// but TLS files are configured" in plain
    assert "uses tls:// but no TLS files" in errors_of("worker", DASK_SCHEDULER_ADDRESS="tls://s:9000",
                                                       TESSERA_WORKER_NAME="w")
    assert "is not an address" in errors_of("worker", DASK_SCHEDULER_ADDRESS="tcp://", TESSERA_WORKER_NAME="w")


def test_dashboard_prefix_is_a_path_ending_in_a_slash():
    assert parse("scheduler", TESSERA_DASHBOARD_PREFIX="/clusters/ns/demo").dashboard_prefix == "/clusters/ns/demo/"
    assert parse("scheduler", TESSERA_DASHBOARD_PREFIX="/").dashboard_prefix is None
    assert "must be a URL path" in errors_of("scheduler", TESSERA_DASHBOARD_PREFIX="clusters/x")


def test_runner_needs_exactly_one_of_a_command_and_a_script(tmp_path):
    address = {"DASK_SCHEDULER_ADDRESS": "s:8786"}
    assert parse("runner", "--", "python", "job.py", **address).runner_command == ("python", "job.py")
    script = tmp_path / "job.py"
    script.write_text("")
    assert parse("runner", TESSERA_RUNNER_SCRIPT=str(script), **address).runner_script == script
    assert "not both" in errors_of("runner", "python", TESSERA_RUNNER_SCRIPT=str(script), **address)
    assert "the runner needs a command" in errors_of("runner", **address)
    assert "takes no arguments" in errors_of("scheduler", "--port", "1")


def test_env_sync_needs_a_cache_and_an_existing_spec(tmp_path):
    assert "TESSERA_ENV_CACHE is required" in errors_of("build-env", TESSERA_ENV_SPEC=str(tmp_path))
    assert "TESSERA_ENV_SPEC='/no/spec.txt': no such file" in errors_of(
        "build-env", TESSERA_ENV_SPEC="/no/spec.txt", TESSERA_ENV_CACHE=str(tmp_path))
    assert "TESSERA_ENV_SPEC is required for build-env" in errors_of("build-env")


def test_index_settings_are_parsed_with_the_spec_and_every_bad_one_reported(tmp_path):
    spec, ca = tmp_path / "requirements.txt", tmp_path / "ca.crt"
    spec.write_text("")
    ca.write_text("")
    env = {"TESSERA_ENV_SPEC": str(spec), "TESSERA_ENV_CACHE": str(tmp_path / "cache")}
    parsed = parse("build-env", **env, TESSERA_INDEX_URL="https://mirror.example.org/simple/",
                   TESSERA_EXTRA_INDEX_URLS=" https://a.example/simple/  http://b.example:8080/ ",
                   TESSERA_CA_BUNDLE=str(ca))
    assert parsed.env.index == config.IndexSettings(
        "https://mirror.example.org/simple/", ("https://a.example/simple/", "http://b.example:8080/"), ca)
    assert parse("build-env", **env).env.index == config.IndexSettings()
    message = errors_of("build-env", **env, TESSERA_INDEX_URL="mirror.example.org/simple",
                        TESSERA_EXTRA_INDEX_URLS="https://a.example/ ftp://b.example/",
                        TESSERA_CA_BUNDLE=str(tmp_path / "missing.crt"), TESSERA_ENV_LOCK_TIMEOUT="soon")
    assert "TESSERA_INDEX_URL='mirror.example.org/simple' is not an http(s):// or file:// URL" in message
    assert "TESSERA_EXTRA_INDEX_URLS: 'ftp://b.example/' not" in message
    assert "TESSERA_CA_BUNDLE=" in message and "no such file" in message
    assert "TESSERA_ENV_LOCK_TIMEOUT" in message


def test_expected_versions_must_be_versions():
    parsed = parse("scheduler", TESSERA_EXPECT_DASK_VERSION="2026.3.0")
    assert parsed.expected_versions == (("dask", "2026.3.0"),)
    assert "is not a version" in errors_of("scheduler", TESSERA_EXPECT_DISTRIBUTED_VERSION="latest")
    assert same_version("2026.3", "2026.3.0") and not same_version("2026.3.0", "2026.3.1")


def test_scheduler_exec_enables_the_api_routes_and_tls(tls_files):
    parsed = parse("scheduler", TESSERA_DASHBOARD="false", TESSERA_DASHBOARD_PREFIX="/c/ns/x", **tls_files)
    launch = roles.launch(parsed, Environment(python=Path("/env/bin/python")), {"PATH": "/usr/bin"})
    assert launch.argv[:3] == ("/env/bin/python", "-m", "distributed.cli.dask_scheduler")
    assert {"--no-dashboard", "--protocol", "tls", "--dashboard-prefix", "/c/ns/x/"} <= set(launch.argv)
    routes = launch.env["DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES"]
    for route in ("distributed.http.scheduler.api", "distributed.http.health", "distributed.http.scheduler.prometheus",
                  "distributed.http.scheduler.info", "distributed.http.scheduler.json"):
        assert route in routes
    assert "distributed.http.proxy" not in routes
    assert launch.env["DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION"] == "True"
    assert launch.env["DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY"] == tls_files["TESSERA_TLS_KEY_FILE"]
    assert launch.env["PATH"] == "/env/bin:/usr/bin"


def test_runner_exec_runs_the_script_with_the_environments_python(tmp_path):
    script = tmp_path / "job.py"
    script.write_text("")
    parsed = parse("runner", DASK_SCHEDULER_ADDRESS="demo:8786", TESSERA_RUNNER_SCRIPT=str(script))
    environment = Environment(python=tmp_path / "env" / "bin" / "python", prefix=tmp_path / "env", key="k1")
    launch = roles.launch(parsed, environment, {"PATH": "/usr/bin"})
    assert launch.argv == (str(environment.python), str(script))
    assert launch.env["DASK_SCHEDULER_ADDRESS"] == "tcp://demo:8786"
    assert launch.env["VIRTUAL_ENV"] == str(tmp_path / "env") and launch.env["TESSERA_ENV_KEY"] == "k1"
    assert launch.env["PATH"].startswith(str(tmp_path / "env" / "bin") + ":")


@pytest.mark.parametrize("previous, attempt", [("", "1"), ("0", "1"), ("2", "3")])
def test_the_runner_attempt_counts_from_one(previous, attempt):
    assert roles.run_attempt({"TESSERA_RUN_PREVIOUS_FAILURES": previous}) == {"TESSERA_RUN_ATTEMPT": attempt}


def test_no_attempt_outside_an_array_job_and_a_clear_error_for_a_bad_count():
    assert roles.run_attempt({}) == {}
    with pytest.raises(ConfigError, match="TESSERA_RUN_PREVIOUS_FAILURES must be a count"):
        roles.run_attempt({"TESSERA_RUN_PREVIOUS_FAILURES": "-1"})
