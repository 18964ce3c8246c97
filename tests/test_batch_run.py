"""`perfdx batch run` on the bundled export (issue 12): the outputs, bad rows, --strict, the
team rule, a batch diagnosis equal to `perfdx diagnose` of its case file, a crashing worker."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine.case.tabular import Population, load_mapping
from engine.team.pool import BatchPool, Job
from examples.exports.generate import write_plain
from tests.batch_hooks import CRASH_ON, crash_on_one
from tests.conftest import ROOT

EXPORT = str(ROOT / "examples" / "exports" / "department_2026q3.csv")
MAP = str(ROOT / "examples" / "exports" / "department_2026q3.map.yaml")


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Any]:
    base = tmp_path_factory.mktemp("batch")
    out, cases, db = base / "out", base / "cases", base / "log.db"
    result = _invoke("batch", "run", EXPORT, "--map", MAP, "--out", str(out), "--cases-out",
                     str(cases), "--db", str(db), "--jobs", "2")
    return out, cases, db, result


def test_batch_run_writes_the_outputs(example) -> None:
    out, cases, db, result = example
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["diagnoses.jsonl", "people", "report.html",
                                                     "summary.json"]
    lines = (out / "diagnoses.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 238
    assert [json.loads(x)["employee"]["id"] for x in lines[:3]] == ["E00001", "E00002",
                                                                     "E00003"]
    assert len(list((out / "people").glob("*.html"))) == 238
    assert len(list(cases.glob("*.yaml"))) == 238
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"] == {"files": 1, "rows": 240, "blank_rows": 1, "bad_rows": 2,
                                 "employees": 240, "skipped": 2, "diagnosed": 238,
                                 "failed": 0, "team_findings": 1}
    err = result.stderr.splitlines()
    assert err[0].startswith(f"perfdx: {EXPORT}:20:Sales growth actual (%): 'n/a' is not a "
                             "number")
    assert err[1].startswith(f"perfdx: {EXPORT}:42:Has the tools: 'maybe' is none of the "
                             "values mapped")
    assert err[-1] == (f"perfdx batch: 238 diagnosed, 2 skipped (2 bad rows), 0 failed; 1 team "
                       f"finding(s); wrote {out}/")


def test_the_team_rule_fires_for_the_systemic_team_and_no_other(example) -> None:
    summary = json.loads((example[0] / "summary.json").read_text(encoding="utf-8"))
    findings = summary["team_findings"]
    assert [(f["team"], f["pattern"], f["certainty"]) for f in findings] == [
        ("Finance - Group reporting", "process_blockage", 0.88)]
    f = findings[0]
    assert [x["rule"] for x in f["firings"]] == ["SYS-PROC-01", "SYS-PROC-01",
                                                 "SYS-PROC-02", "SYS-PROC-02"]
    assert [r["intervention"] for r in f["recommend"]] == ["approval_streamlining",
                                                           "process_redesign"]
    assert len(f["members"]) == 32 and all("PROC-01" in m["rules"] for m in f["members"])


def test_decisions_are_recorded_as_one_batch(example) -> None:
    db = example[2]
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT kind, content FROM records ORDER BY seq").fetchall()
    assert len(rows) == 238 and {k for k, _c in rows} == {"diagnose"}
    assert json.loads(rows[0][1])["params"]["batch"]["exports"] == [EXPORT]


@pytest.mark.parametrize("employee", ["E00001", "E00003", "E00011"])
def test_a_batch_diagnosis_equals_diagnose_of_its_case_file(example, employee: str) -> None:
    out, cases, _db, _r = example
    lines = (out / "diagnoses.jsonl").read_text(encoding="utf-8").splitlines()
    batch = next(json.loads(x) for x in lines if json.loads(x)["employee"]["id"] == employee)
    alone = _invoke("diagnose", str(cases / f"{employee}.yaml"), "--format", "json",
                    "--no-record")
    assert alone.exit_code == 0
    canonical = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    assert json.dumps(batch, **canonical) == json.dumps(json.loads(alone.stdout), **canonical)


def test_strict_refuses_the_file_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _invoke("batch", "run", EXPORT, "--map", MAP, "--out", str(out), "--strict",
                     "--no-record", "--cases-out", str(tmp_path / "cases"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == ("perfdx: error: refused: 2 bad row(s) in the "
                                              "export(s); nothing was written (--strict)")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_folder_with_other_files_is_not_touched(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep", encoding="utf-8")
    result = _invoke("batch", "run", EXPORT, "--map", MAP, "--out", str(tmp_path),
                     "--no-record")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {tmp_path}: the folder exists and holds files "
                             "perfdx did not write; nothing was changed (give a new or empty "
                             "folder)\n")


def test_output_is_in_input_order_and_the_same_on_1_and_2_workers(tmp_path: Path) -> None:
    export = tmp_path / "small.csv"
    write_plain(export, 18, seed=3)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = _invoke("batch", "run", str(export), "--map", MAP, "--out", str(out),
                         "--jobs", jobs, "--no-record")
        assert result.exit_code == 0, result.stderr
        outs.append(out)
    for name in ("diagnoses.jsonl", "summary.json", "report.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_a_worker_that_dies_is_replaced_and_only_its_case_fails(kb, tmp_path: Path) -> None:
    export = tmp_path / "small.csv"
    write_plain(export, 8, seed=3)
    lm = load_mapping(MAP)
    with Population([str(export)], lm.mapping, kb) as pop:
        pop.scan()
        pop.assemble()
        jobs = [Job(i, c.employee, c.source, c.data) for i, c in enumerate(pop.cases())]
    pool = BatchPool(kb, workers=2, post=crash_on_one, chunk=2)
    outcomes = list(pool.run(jobs))
    assert [o.employee for o in outcomes] == [j.employee for j in jobs]
    failed = [(o.employee, o.error) for o in outcomes if o.error]
    assert failed == [(CRASH_ON, "the worker process died while diagnosing this case (alone, "
                                 "after a retry): the rule engine crashed on it")]
    assert all(o.diagnosis_json for o in outcomes if o.employee != CRASH_ON)
    assert pool.stats.worker_deaths == 2 and pool.stats.start_method == "forkserver"
