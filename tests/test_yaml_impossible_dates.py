"""Regression: a date YAML recognises but the calendar does not (2026-13-01) crashed PyYAML with a
bare ValueError, which reached the user as an internal error. It is a one-line input error now."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import InputError
from engine.yamlio import parse


def test_an_impossible_date_in_a_case_is_one_clear_line(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(
        "case_id: C-1\nas_of: 2026-13-01\nperiod: Q3\n"
        "employee: {id: E1, role: Analyst, department: Finance, tenure_months: 12}\n",
        encoding="utf-8")
    result = run("diagnose", "case.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("perfdx: error: case.yaml:2:8: '2026-13-01' is not a valid date "
                             "(YYYY-MM-DD)\n")


def test_real_dates_and_times_still_read() -> None:
    data = parse("a: 2027-02-28\nb: 2027-02-01T10:00:00\n", "x.yaml")
    assert (data["a"].isoformat(), data["b"].isoformat()) == ("2027-02-28", "2027-02-01T10:00:00")


def test_february_30_is_refused_at_its_position() -> None:
    with pytest.raises(InputError) as err:
        parse("dates:\n  - 2027-02-30\n", "x.yaml")
    assert str(err.value) == "x.yaml:2:5: '2027-02-30' is not a valid date (YYYY-MM-DD)"
