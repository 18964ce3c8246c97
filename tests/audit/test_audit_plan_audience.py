"""The decision log and `perfdx plan --audience` (issue 16, point 9): the log records the whole
plan once; `audit show` renders either copy byte for byte as `perfdx plan` printed it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.audit import tamper
from tests.audit.conftest import SALES


def test_the_log_records_the_whole_plan_and_shows_either_copy(run, audit, db: Path) -> None:
    employee = run("plan", str(SALES))
    assert employee.exit_code == 0
    rid = tamper.rows(db)[-1]["id"]
    manager = run("plan", str(SALES), "--audience", "manager")
    assert "already recorded as " + rid in manager.stderr  # one decision, two copies
    record = json.loads(audit("show", rid, "--format", "record-json").stdout)
    assert record["content"]["result"]["interview"]["steps"]
    assert audit("show", rid, "--format", "markdown").stdout == employee.stdout
    assert audit("show", rid, "--format", "markdown", "--audience", "manager").stdout == \
        manager.stdout
    shown = audit("show", rid)  # the auditor's view holds the whole plan
    assert "## Interview outline" in shown.stdout


def test_audience_is_for_plans_only(run, audit, db: Path) -> None:
    assert run("diagnose", str(SALES)).exit_code == 0
    rid = tamper.rows(db)[-1]["id"]
    result = audit("show", rid, "--format", "text", "--audience", "manager")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"perfdx: error: --audience chooses a copy of a plan; record {rid} "
                             "is a diagnose record (leave out --audience)\n")
