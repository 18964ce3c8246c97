"""Start-up: a command imports only what it needs (issue 15). Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import EXAMPLES, ROOT

PROBE = """
import json, sys
from cli.main import main
args = json.loads(sys.argv[1])
if args:
    try:
        main(args)
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("engine", "cli", "difflib"))),
      file=sys.stderr)
"""


def _modules_after(*args: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    return set(json.loads(run.stderr.strip().splitlines()[-1]))


def test_importing_the_cli_imports_no_command_and_no_engine_module() -> None:
    assert _modules_after() == {"cli", "cli.lazy", "cli.main"}


def test_diagnose_imports_neither_plans_nor_editing_tools_nor_other_commands(tmp_path) -> None:
    loaded = _modules_after("diagnose", str(EXAMPLES / "sales_rep_new_crm.yaml"), "--no-record",
                            "--format", "json", "-o", str(tmp_path / "out.json"))
    assert "cli.diagnose.commands" in loaded and "engine.reasoning.inference" in loaded
    unneeded = ("engine.plan", "engine.authoring", "cli.audit", "cli.plan", "cli.kb")
    assert sorted(m for m in loaded if m.startswith(unneeded)) == []


def test_diagnose_as_json_imports_no_renderer_no_explanation_and_no_track_record(tmp_path) -> None:
    loaded = _modules_after("diagnose", str(EXAMPLES / "sales_rep_new_crm.yaml"), "--no-record",
                            "--format", "json", "-o", str(tmp_path / "out.json"))
    assert "cli.diagnose.commands" in loaded
    unneeded = ("cli.diagnose.render_", "cli.table", "engine.explain.how_why_not",
                "engine.explain.why_not_recommended", "engine.explain.track_record",
                "engine.audit.redact", "engine.audit.chain")
    assert sorted(m for m in loaded if m.startswith(unneeded)) == []


def test_diagnose_with_a_cached_kb_imports_neither_the_kb_loader_nor_its_checks(tmp_path,
                                                                              monkeypatch) -> None:
    monkeypatch.setenv("PERFDX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PERFDX_NO_CACHE", raising=False)
    args = ("diagnose", str(EXAMPLES / "sales_rep_new_crm.yaml"), "--no-record", "--format",
            "json", "-o", str(tmp_path / "out.json"))
    assert "engine.kb.loader" in _modules_after(*args)  # the first run fills the cache
    (tmp_path / "out.json").unlink()
    loaded = _modules_after(*args)
    assert "engine.kb.cache" in loaded
    checks = ("engine.kb.loader", "engine.kb.typecheck", "engine.kb.implication",
              "engine.kb.contradictions", "engine.kb.overlap", "engine.kb.ruleset",
              "engine.kb.raw")
    assert sorted(m for m in loaded if m.startswith(checks)) == []


def test_diagnose_imports_difflib_only_for_a_did_you_mean_hint() -> None:
    # (no -o here: click itself imports difflib when it parses a short option)
    loaded = _modules_after("diagnose", str(EXAMPLES / "sales_rep_new_crm.yaml"), "--no-record",
                            "--format", "json")
    assert "cli.diagnose.commands" in loaded and "difflib" not in loaded


def test_diagnose_without_recording_imports_no_decision_log_code(tmp_path) -> None:
    loaded = _modules_after("diagnose", str(EXAMPLES / "sales_rep_new_crm.yaml"), "--no-record",
                            "--format", "json", "-o", str(tmp_path / "out.json"))
    assert "cli.diagnose.commands" in loaded
    logging = ("engine.audit.record", "engine.audit.store", "engine.audit.checkpoint",
               "engine.audit.keys")
    assert sorted(m for m in loaded if m.startswith(logging)) == []


BUILT = """
import importlib, pkgutil, sys
import pydantic
import engine
for info in pkgutil.walk_packages(engine.__path__, "engine."):
    importlib.import_module(info.name)
def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)
models = {f"{m.__module__}.{m.__qualname__}": m.__pydantic_complete__
          for m in subclasses(pydantic.BaseModel) if m.__module__.startswith("engine.")}
print(len(models), sorted(name for name, built in models.items() if built))
"""


def test_importing_every_engine_module_builds_no_pydantic_model() -> None:
    """defer_build: a model's validator is built when first used, never by importing it.

    Two are used at import itself: Text (the vocabulary's labels are Text values) and
    TrendSettings (the default of Settings.trend is an instance)."""
    run = subprocess.run([sys.executable, "-c", BUILT], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True)
    count, built = run.stdout.split(" ", 1)
    assert int(count) > 60
    assert built.strip() == "['engine.i18n.Text', 'engine.kb.models.TrendSettings']"
