"""The command line as users meet it: help, exit codes, formats, languages, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import jsonschema
import pytest
import yaml

from cli.main import cli
from tests.conftest import DATA, EXAMPLES, ROOT

SALES = str(EXAMPLES / "sales_rep_new_crm.yaml")
FINANCE = str(EXAMPLES / "finance_analyst_approvals.yaml")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # commands are loaded lazily: ask the group
        command = group.get_command(ctx, name)
        found.append(prefix + (name,))
        if isinstance(command, click.Group):
            found.extend(_commands(command, prefix + (name,)))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_explains_itself(run, path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    command = cli
    for name in path:
        command = command.get_command(click.Context(command), name)  # type: ignore[attr-defined]
    assert command.help and len(command.help.split()) >= 6, f"{path} needs real help text"
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help",):
            assert param.help, f"{' '.join(path)} {param.opts[0]} has no help"


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in _commands(cli):
        assert f"perfdx {' '.join(path)}" in readme, f"README does not mention {path}"


def test_usage_errors_exit_2(run) -> None:
    assert run("diagnose").exit_code == 2
    assert run("diagnose", SALES, "--format", "pdf").exit_code == 2
    assert run("nonsense").exit_code == 2
    result = run("explain", SALES)
    assert result.exit_code == 2
    assert "give exactly one of --how PATTERN or --why-not PATTERN" in result.stderr
    assert run("explain", SALES, "--how", "motivation", "--why-not", "motivation").exit_code == 2


def test_unknown_pattern_is_bad_input(run) -> None:
    result = run("explain", SALES, "--how", "skill_shortage")
    assert result.exit_code == 1
    assert result.stderr == ("perfdx: error: unknown pattern 'skill_shortage' (did you mean "
                             "'skill_shortfall'?)\n")


def test_text_output_names_the_reviewer_and_says_draft(run) -> None:
    out = run("diagnose", SALES).stdout
    assert out.splitlines()[0] == ("perfdx Diagnosis · case C-2026-031 · period 2026-Q3 · "
                                   "as of 2026-10-09")
    assert ("DRAFT for human review: decision support, not a decision. Chen Li (HR business "
            "partner) must review it before anything is done") in out


def test_no_colour_when_not_a_terminal(run) -> None:
    assert "\x1b[" not in run("diagnose", SALES).stdout


def test_chinese_covers_the_headings(run) -> None:
    out = run("diagnose", SALES, "--lang", "zh").stdout
    for heading in ("绩效差距", "可能原因（按确定度排序）", "建议的干预措施", "缺失的证据（请在面谈中询问）",
                    "审核"):
        assert f"\n{heading}\n" in out
    for english in ("Gaps", "Likely causes", "Recommended interventions", "Missing evidence",
                    "Review", "Skill shortfall", "Formal training"):
        assert english not in out


def test_json_is_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "cli", "diagnose", SALES, "--format",
                               "json"], capture_output=True, cwd=tmp_path, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert [c["pattern"] for c in data["causes"]][:1] == ["skill_shortfall"]


def test_json_has_the_promised_fields(run) -> None:
    data = json.loads(run("diagnose", FINANCE, "--format", "json").stdout)
    assert set(data) >= {"case_id", "kb_hash", "gaps", "causes", "recommendations",
                         "missing_evidence", "trace"}
    assert set(data["gaps"][0]) >= {"kpi", "target", "actual", "attainment", "severity"}
    assert set(data["causes"][0]) >= {"pattern", "certainty", "rules"}
    assert set(data["recommendations"][0]) >= {"intervention", "pattern", "priority"}
    firing = next(s for s in data["trace"]["steps"] if s["kind"] == "fire")
    assert set(firing) >= {"seq", "rule", "location", "matched", "asserted"}
    certainties = [c["certainty"] for c in data["causes"]]
    assert certainties == sorted(certainties, reverse=True)


def test_json_matches_the_published_schema(run) -> None:
    schema = json.loads(run("schema", "diagnosis").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for case in sorted(EXAMPLES.glob("*.yaml")):
        jsonschema.validate(json.loads(run("diagnose", str(case), "--format", "json").stdout),
                            schema)


def test_examples_match_the_case_schema(run) -> None:
    schema = json.loads(run("schema", "case").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for case in sorted(EXAMPLES.glob("*.yaml")) + sorted((DATA / "cases").glob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(case.read_text(encoding="utf-8")),
                                     default=str))
        jsonschema.validate(data, schema)


def test_a_concern_without_numbers_gets_a_diagnosis(run) -> None:
    data = json.loads(run("diagnose", str(DATA / "cases/concern_only.yaml"), "--format",
                          "json").stdout)
    assert [(g["area"], g["measured"], g["severity"]) for g in data["gaps"]] == [
        ("quality", False, "moderate")]
    assert data["causes"][0]["pattern"] == "skill_shortfall"


def test_a_zero_target_gets_a_diagnosis(run) -> None:
    data = json.loads(run("diagnose", str(DATA / "cases/zero_target.yaml"), "--format",
                          "json").stdout)
    gap = data["gaps"][0]
    assert (gap["kpi"], gap["target"], gap["actual"], gap["attainment"], gap["shortfall"],
            gap["severity"]) == ("escaped_defects", 0.0, 4.0, None, 4.0, "moderate")
    assert data["causes"][0]["pattern"] == "process_blockage"


def test_markdown_output(run) -> None:
    out = run("diagnose", FINANCE, "--format", "markdown").stdout
    assert out.startswith("# perfdx Diagnosis: C-2026-044\n")
    assert "| Month-end close time (days) | 5 | 8 | 62% | moderate | suddenly worse | - |" in out


def test_explain_flag_adds_how_and_the_trace(run) -> None:
    out = run("diagnose", FINANCE, "--explain").stdout
    assert "How perfdx concluded: Process blockage" in out
    assert "Reasoning trace" in out
    assert "fire    PROC-03 (rules/process_blockage.yaml:" in out


def test_cross_check_flag(run) -> None:
    assert run("diagnose", FINANCE, "--cross-check").exit_code == 0


def test_output_file_is_written_whole(run, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert run("diagnose", FINANCE, "--format", "json", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["case_id"] == "C-2026-044"


def test_output_file_untouched_on_error(run, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous")
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: [")
    assert run("diagnose", str(bad), "-o", str(target)).exit_code == 1
    assert target.read_text() == "previous"
    assert set(tmp_path.iterdir()) == {bad, target}  # no temporary file left behind


def test_kb_show_json_lists(run) -> None:
    data = json.loads(run("kb", "show", "--format", "json").stdout)
    for key in ("patterns", "rules", "interventions", "trainings", "kpis", "observations"):
        assert isinstance(data[key], list) and data[key], key
    rule = next(r for r in data["rules"] if r["id"] == "SKILL-02")
    file, _, line = rule["location"].partition(":")
    assert file == "rules/skill_shortfall.yaml"
    assert (ROOT / file).read_text(encoding="utf-8").splitlines()[int(line) - 1] == (
        "  - id: SKILL-02")
    assert rule["rationale"]["en"] and rule["source"]


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: [")
    done = subprocess.run([sys.executable, "-m", "cli", "--debug", "diagnose", str(bad)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" in done.stderr
    quiet = subprocess.run([sys.executable, "-m", "cli", "diagnose", str(bad)],
                           capture_output=True, text=True)
    assert "Traceback" not in quiet.stderr
