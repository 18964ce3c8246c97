"""Fixtures for following a plan through: a recorded plan of the sales example, a `track`
runner against the test's log, and the normalising of record ids (random) in exact output."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from engine.audit.reviewers import os_identity
from tests.conftest import EXAMPLES

SALES = EXAMPLES / "sales_rep_new_crm.yaml"
_ID = re.compile(r"\b[0-9a-f]{12}\b")


@pytest.fixture
def db(_decision_log: Path) -> Path:
    return _decision_log


@pytest.fixture
def plan_id(run: Callable[..., Result]) -> str:
    """The record id of the sales example's plan (start 2026-10-12, goals due 2026-12-11 and
    2027-01-08, two 8-hour training parts in weeks 1 and 2, check-ins on Thursdays)."""
    result = run("plan", str(SALES), "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = re.search(r"recorded as ([0-9a-f]{12})", result.stderr)
    assert found, result.stderr
    return found.group(1)


@pytest.fixture
def track(run: Callable[..., Result], db: Path) -> Callable[..., Result]:
    """`perfdx track ARGS --db DB`."""

    def go(*args: str) -> Result:
        return run("track", *args, "--db", str(db))

    return go


def normalised(text: str, plan: str) -> str:
    """Exact output with the random record ids named: <PLAN>, then <R1>, <R2>... in order of
    appearance, and this OS account as <ME>."""
    names: dict[str, str] = {plan: "<PLAN>"}

    def name(m: re.Match[str]) -> str:
        return names.setdefault(m.group(0), f"<R{len(names)}>")

    text = _ID.sub(name, text)
    me = os_identity()["account"]
    return text.replace(f"entered by {me})", "entered by <ME>)").replace(
        f"录入人 {me})", "录入人 <ME>)").replace(f'"{me}"', '"<ME>"')
