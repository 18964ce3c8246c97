"""A non-editable install ships the default knowledge base and works from any directory."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from engine.reasoning.session import durable_fix_hint
from tests.conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install .` into a fresh virtual environment; returns its bin/ folder."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet",
           "--disable-pip-version-check", str(ROOT)]
    done = subprocess.run(pip, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return env_dir / "bin"


def test_installed_perfdx_diagnoses_from_another_directory(installed: Path,
                                                           tmp_path: Path) -> None:
    done = subprocess.run([str(installed / "perfdx"), "diagnose",
                           str(EXAMPLES / "sales_rep_new_crm.yaml"), "--format", "json"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"pattern": "skill_shortfall"' in done.stdout
    shown = subprocess.run([str(installed / "perfdx"), "kb", "show", "--format", "json"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert '"root": "' + str(installed.parent) in shown.stdout
    assert "engine/_default_kb" in shown.stdout


def test_installed_kb_has_the_same_hash_as_the_checkout(installed: Path, tmp_path: Path,
                                                         kb) -> None:
    done = subprocess.run([str(installed / "perfdx"), "kb", "show", "--format", "json"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert f'"kb_hash": "{kb.hash}"' in done.stdout


def test_python_version_guard_names_the_problem() -> None:
    """On Python 3.14+ the user gets a sentence, not an import error from durable_rules."""
    code = ("import sys; from cli.main import main; "
            "sys.version_info = (3, 14, 0, 'final', 0); main(['diagnose', 'x.yaml'])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr == (
        "perfdx: error: perfdx needs Python 3.10 to 3.13; this is Python 3.14. Its rule "
        "engine, durable_rules 2.0.28, is not known to run on Python 3.14 or later. (create the "
        "environment with python3.13 to python3.10)\n")


def test_a_durable_rules_built_without_the_313_define_gets_the_exact_fix() -> None:
    """Installed some other way on 3.13, durable_rules fails to load: one line, the exact command."""
    assert durable_fix_hint("undefined symbol: PyEval_CallObject") == (
        "rebuild it for this Python: CPPFLAGS='-DPyEval_CallObject(c,a)=PyObject_CallObject(c,a)' "
        "pip install --no-cache-dir --force-reinstall durable-rules==2.0.28")


def test_installed_kb_init_makes_a_kb_whose_scenarios_pass(installed: Path,
                                                           tmp_path: Path) -> None:
    """The wheel ships the example cases the bundled scenario tests refer to (issue 5)."""
    done = subprocess.run([str(installed / "perfdx"), "kb", "init", "my-kb"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "my-kb" / "examples" / "cases" / "sales_rep_new_crm.yaml").is_file()
    done = subprocess.run([str(installed / "perfdx"), "kb", "test", "--kb", "my-kb"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run([str(installed / "perfdx"), "kb", "test"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
