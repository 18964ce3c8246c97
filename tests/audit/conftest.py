"""Fixtures for the audit trail: a fresh decision log, recorded decisions, an `audit` runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from engine.api import analyse
from engine.audit.record import record_decision
from engine.audit.reviewers import os_identity
from engine.case import load_case
from engine.kb.base import KnowledgeBase
from tests.conftest import EXAMPLES

SALES = EXAMPLES / "sales_rep_new_crm.yaml"
FINANCE = EXAMPLES / "finance_analyst_approvals.yaml"


@pytest.fixture
def db(_decision_log: Path) -> Path:
    """The log this test's `diagnose` runs record into ($PERFDX_DB)."""
    return _decision_log


@pytest.fixture
def record(db: Path, kb: KnowledgeBase) -> Callable[..., str]:
    """Record one decision through the engine hook; returns its id. Each call adds a record
    (reuse=False), as the chain tests need several of the same case."""
    def go(case: Path = SALES, **kw: object) -> str:
        loaded = load_case(str(case))
        result = analyse(loaded, kb).diagnosis.to_json()
        kw.setdefault("reuse", False)
        return record_decision("diagnose", loaded, kb, result, db=db, operator="auditor-test",
                               **kw).id  # type: ignore[arg-type]

    return go


@pytest.fixture
def audit(run: Callable[..., Result], db: Path) -> Callable[..., Result]:
    """`perfdx audit ARGS --db DB`."""

    def go(*args: str) -> Result:
        return run("audit", *args, "--db", str(db))

    return go


@pytest.fixture(autouse=True)
def reviewers(db: Path) -> Path:
    """The reviewers file beside the test's signing key: Chen Li and Liu Yang review from this
    OS account."""
    path = Path(os.environ["PERFDX_AUDIT_KEY"]).parent / "reviewers.yaml"
    me = os_identity()["account"]
    path.write_text(f"reviewers:\n  - name: Chen Li\n    role: HRBP\n    account: {me}\n"
                    f"  - name: Liu Yang\n    role: Head of Finance\n    account: {me}\n",
                    encoding="utf-8")
    return path
