"""Bad case files: one line naming file, line and field; exit 1; nothing on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA

SPEC = yaml.safe_load((DATA / "case_errors.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("item", SPEC["errors"], ids=[e["note"] for e in SPEC["errors"]])
def test_bad_case_gives_one_clear_line(item, run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    many = "\n".join("  - {source: peer, dimension: teamwork, score: 3}" for _ in range(501))
    text = item["case"].replace("{base}", SPEC["base"]).replace("{many_ratings}", many)
    text = text.replace("{deep}", "[" * 30000 + "]" * 30000)
    Path("case.yaml").write_text(text, encoding="utf-8")
    result = run("diagnose", "case.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"perfdx: error: {item['error']}\n"


def test_missing_file(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("diagnose", "nope.yaml")
    assert (result.exit_code, result.stderr) == (1, "perfdx: error: nope.yaml: case file not found\n")


def test_file_over_10_mb_is_refused_unread(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open("big.yaml", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = run("diagnose", "big.yaml")
    assert result.exit_code == 1
    assert result.stderr == ("perfdx: error: big.yaml: case file is 50.0 MB; files over 10 MB "
                             "are refused\n")


def test_stdin_over_10_mb_is_refused(run) -> None:
    result = run("diagnose", "-", input="a" * (10 * 1024 * 1024 + 1))
    assert result.exit_code == 1
    assert result.stderr == "perfdx: error: <stdin>: input is over 10 MB and is refused\n"


def test_not_utf8(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("latin.yaml").write_bytes(b"case_id: caf\xe9\n")
    result = run("diagnose", "latin.yaml")
    assert (result.exit_code, result.stderr) == (1, "perfdx: error: latin.yaml:1: not UTF-8 text\n")


def test_case_from_stdin(run) -> None:
    text = (DATA.parent.parent / "examples/cases/finance_analyst_approvals.yaml").read_text()
    result = run("diagnose", "-", "--format", "json", input=text)
    assert result.exit_code == 0
    assert '"case_id": "C-2026-044"' in result.stdout


def test_tiny_and_long_numbers_reach_the_engine_safely(run, tmp_path: Path, monkeypatch) -> None:
    """durable_rules cannot read numbers written with an exponent (1e-06): perfdx never sends one."""
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(
        SPEC["base"] + "metrics:\n  - {kpi: sales_growth, target: 15, actual: 14.999999}\n"
        "  - {kpi: error_rate, target: 2, actual: 0.00005}\n"
        "observations:\n  - {name: rework_share, value: 0.00009}\n", encoding="utf-8")
    result = run("diagnose", "case.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    gaps = json.loads(result.stdout)["gaps"]
    assert [(g["kpi"], g["severity"], g["shortfall"]) for g in gaps] == [
        ("sales_growth", "minor", 0.0)]
