"""bench/ratios.py: the cli ratio measures perfdx as users run it (issue 15)."""

from __future__ import annotations

from bench.ratios import cli_env


def test_the_cli_ratio_runs_its_subprocesses_with_byte_code_allowed() -> None:
    environ = {"PATH": "/usr/bin", "PYTHONDONTWRITEBYTECODE": "1", "PERFDX_CACHE_DIR": "/tmp/c"}
    assert cli_env(environ) == {"PATH": "/usr/bin", "PERFDX_CACHE_DIR": "/tmp/c"}


def test_the_cli_ratio_keeps_an_environment_without_the_variable_as_it_is() -> None:
    environ = {"PATH": "/usr/bin", "LANG": "C.UTF-8"}
    assert cli_env(environ) == environ
