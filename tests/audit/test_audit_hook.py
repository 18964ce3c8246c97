"""The hook another decision command (`perfdx plan`) uses: record, then replay its kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.audit import replay as replay_module
from engine.audit.record import record_decision
from engine.case import load_case
from tests.audit import tamper
from tests.audit.conftest import SALES


def _fake_plan(loaded, kb, params) -> str:
    """Stands for the plan builder: depends on the case, the KB and a recorded option."""
    return json.dumps({"employee": loaded.case.employee.id, "weeks": params["weeks"],
                       "threshold": kb.settings.report_threshold}) + "\n"


def _record_plan(kb, db: Path) -> str:
    loaded = load_case(str(SALES))
    result = _fake_plan(loaded, kb, {"weeks": 8})
    return record_decision("plan", loaded, kb, result, db=db, operator="t",
                           params={"weeks": 8}).id


def test_a_kind_without_a_replayer_says_so(audit, db: Path, kb,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(replay_module._REPLAYERS, "plan", raising=False)
    rid = _record_plan(kb, db)
    result = audit("replay", rid)
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: record {rid} cannot be replayed: this perfdx does "
                             "not know how to re-run plan records\n")
    assert json.loads(tamper.rows(db)[0]["content"])["params"] == {"weeks": 8}


def test_a_registered_replayer_replays_its_kind(audit, db: Path, kb, kb_copy: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(replay_module._REPLAYERS, "plan", _fake_plan)
    rid = _record_plan(kb, db)
    assert audit("replay", rid).stdout.startswith(f"identical: record {rid} ")
    settings = kb_copy / "knowledge_base" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    assert text.count("report_threshold: 0.2") == 1
    settings.write_text(text.replace("report_threshold: 0.2", "report_threshold: 0.3"),
                        encoding="utf-8")
    lines = audit("replay", rid, "--kb", str(kb_copy)).stdout.splitlines()
    assert lines[1] == "  threshold: 0.2 -> 0.3"
    assert audit("list", "--format", "json").stdout.count('"kind": "plan"') == 1
