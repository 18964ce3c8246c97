"""`perfdx kb schema`: generated JSON Schemas that accept the default KB and catch typos (issue 5)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from engine.authoring.kb_schema import FILES, SCHEMA_DIR, render, schemas, stale
from engine.kb.load import default_kb_dir
from tests.conftest import DATA
from tests.kb_edits import apply, copy_kb

REJECTS = yaml.safe_load((DATA / "kb_schema_rejects.yaml").read_text(encoding="utf-8"))["cases"]
KB = default_kb_dir()


def _kind(rel: str) -> str:
    if rel.startswith("rules/"):
        return "rules"
    return "scenario" if rel.startswith("knowledge_base/scenarios/") else "catalog"


def _files(root: Path) -> list[str]:
    found = [*root.glob("rules/*.yaml"), *root.glob("knowledge_base/*.yaml"),
             *root.glob("knowledge_base/scenarios/*.yaml")]
    return sorted(p.relative_to(root).as_posix() for p in found)


def _plain(data: Any) -> Any:
    """YAML as an editor's language server sees it: dates are text."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def _validator(root: Path, rel: str) -> Draft202012Validator:
    schema = json.loads((root / SCHEMA_DIR / FILES[_kind(rel)]).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _data(root: Path, rel: str) -> Any:
    return _plain(yaml.safe_load((root / rel).read_text(encoding="utf-8")))


def test_the_committed_schemas_are_up_to_date() -> None:
    assert stale(KB) == [], "run 'perfdx kb schema --write' and commit knowledge_base/schema/"


@pytest.mark.parametrize("name", sorted(FILES.values()))
def test_each_schema_is_a_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(schemas()[name])


@pytest.mark.parametrize("rel", _files(KB))
def test_the_default_kb_validates(rel: str) -> None:
    errors = [e.message for e in _validator(KB, rel).iter_errors(_data(KB, rel))]
    assert errors == []


@pytest.mark.parametrize("rel", _files(KB))
def test_every_file_names_its_schema_for_editors(rel: str) -> None:
    first = (KB / rel).read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = ((KB / rel).parent / first[len(prefix):]).resolve()
    assert target == (KB / SCHEMA_DIR / FILES[_kind(rel)]).resolve()


@pytest.mark.parametrize("case", REJECTS, ids=[c["note"] for c in REJECTS])
def test_a_misspelt_key_is_rejected(case, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    apply(root, case["edit"])
    rel = case["edit"]["file"]
    error = best_match(_validator(root, rel).iter_errors(_data(root, rel)))
    assert error is not None
    assert error.message == case["error"]["message"]
    if "path" in case["error"]:
        assert "/".join(str(p) for p in error.absolute_path) == case["error"]["path"]


def test_schema_prints_one_schema(run) -> None:
    result = run("kb", "schema", "rules")
    assert result.exit_code == 0
    assert result.stdout == render(schemas()["rules.schema.json"])


def test_check_and_write_regenerate_stale_schemas(run, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    target = root / SCHEMA_DIR
    (target / "rules.schema.json").write_text("{}\n", encoding="utf-8")
    (target / "scenario.schema.json").unlink()
    result = run("kb", "schema", "--check", "--kb", str(root))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{target}/rules.schema.json: out of date (run 'perfdx kb schema --write')\n"
        f"{target}/scenario.schema.json: out of date (run 'perfdx kb schema --write')\n")
    result = run("kb", "schema", "--write", "--kb", str(root))
    assert result.exit_code == 0
    assert result.stdout == (f"wrote 2 of 3 schemas to {target} (rules.schema.json, "
                             "scenario.schema.json)\n")
    assert stale(root) == []
    assert (target / "rules.schema.json").stat().st_mode & 0o777 == 0o644
    result = run("kb", "schema", "--check", "--kb", str(root))
    assert (result.exit_code, result.stdout) == (0, f"schemas in {target} are up to date\n")


@pytest.mark.parametrize("args", [[], ["rules", "--write"], ["--write", "--check"]])
def test_schema_needs_exactly_one_action(run, args: list[str]) -> None:
    result = run("kb", "schema", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: give one of WHICH, --write or --check\n")
