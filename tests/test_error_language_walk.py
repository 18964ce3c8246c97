"""Every error perfdx prints follows the language (issue 16, point 11): exact lines in English
and Chinese for bad input to each command family (tests/data/error_language.yaml), and a walk
over the bad case files of tests/data/case_errors.yaml that fails on any English-only line under
PERFDX_LANG=zh."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from engine.authoring.check import check_kb
from engine.messages import MESSAGES, localized
from engine.messages.usage import USAGE_MESSAGES, _pattern, translate_usage

from .conftest import DATA, EXAMPLES
from .english_left import english_left
from .kb_edits import apply, copy_kb

CASES = yaml.safe_load((DATA / "error_language.yaml").read_text(encoding="utf-8"))
CASE_ERRORS = yaml.safe_load((DATA / "case_errors.yaml").read_text(encoding="utf-8"))
CJK = re.compile("[\u4e00-\u9fff]")


def _kb_mistakes() -> list[tuple[str, bool, list[dict[str, Any]]]]:
    """Every seeded KB mistake of the kb check tests: (note, on the frozen starter KB, edits)."""
    found = []
    for name, starter in (("kb_errors.yaml", True), ("kb_check_codes.yaml", False)):
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        found += [(c["note"], starter, c["edits"]) for c in data["cases"] if "edits" in c]
    mistakes = yaml.safe_load((DATA / "kb_mistakes.yaml").read_text(encoding="utf-8"))
    found.append(("kb_mistakes.yaml, all at once", False, mistakes["mistakes"]))
    return found


KB_MISTAKES = _kb_mistakes()
# E140 quotes the case file's own error line as the loader wrote it: still English (known).
QUOTES_A_CASE_ERROR = "用这个知识库无法诊断该案例："


def _prepare(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PERFDX_LANG", raising=False)
    for name, text in (case.get("files") or {}).items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")
    if "kb_edits" in case:
        copy_kb(tmp_path / "kb")
        for edit in case["kb_edits"]:
            apply(tmp_path / "kb", edit)


@pytest.fixture
def perfdx():
    """The CLI in-process, named `perfdx` as in a terminal (usage lines name the program)."""
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, list(args), prog_name="perfdx",
                                       catch_exceptions=False)


def _output(result: Any, case: dict[str, Any]) -> tuple[int, str]:
    return result.exit_code, getattr(result, case.get("stream", "stderr"))


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_errors_in_english_and_chinese(perfdx, case: dict[str, Any], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _prepare(case, tmp_path, monkeypatch)
    args = [str(a).replace("{examples}", str(EXAMPLES.parent)) for a in case["args"]]
    assert _output(perfdx(*args), case) == (case["exit"], case["en"])
    monkeypatch.setenv("PERFDX_LANG", "zh")
    assert _output(perfdx(*args), case) == (case["exit"], case["zh"])
    if case.get("lang_option"):
        monkeypatch.delenv("PERFDX_LANG")
        assert _output(perfdx(*args, "--lang", "zh"), case) == (case["exit"], case["zh"])


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_every_chinese_line_is_chinese(case: dict[str, Any]) -> None:
    # a line of one word is a name (click's choices, one a line)
    assert [line for line in case["zh"].splitlines() if english_left(line) or (
        len(line.split()) > 1 and not CJK.search(line))] == []


@pytest.mark.parametrize("bad", CASE_ERRORS["errors"], ids=[e["note"] for e in CASE_ERRORS["errors"]])
def test_no_case_error_is_english_only_under_zh(run, bad: dict[str, Any], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PERFDX_LANG", "zh")
    Path("case.yaml").write_text(bad["case"].replace("{base}", CASE_ERRORS["base"]),
                                 encoding="utf-8")
    result = run("diagnose", "case.yaml")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines and [line for line in lines if english_left(line)
                      or not CJK.search(line.split("：", 1)[-1])] == []


@pytest.mark.parametrize("key", sorted(USAGE_MESSAGES))
def test_every_usage_message_has_both_languages_with_the_same_values(key: str) -> None:
    en, zh = USAGE_MESSAGES[key]
    assert zh and zh != en and CJK.search(zh)
    assert set(_pattern(en).groupindex) == set(_pattern(zh).groupindex)


def test_every_message_in_the_table_is_chinese() -> None:
    assert [key for key, (_en, zh) in MESSAGES.items() if not CJK.search(zh)] == []


def test_an_unknown_usage_message_stays_as_click_wrote_it() -> None:
    assert translate_usage("Something click says one day.") == "Something click says one day."


@pytest.mark.parametrize(("starter", "edits"), [m[1:] for m in KB_MISTAKES],
                         ids=[m[0] for m in KB_MISTAKES])
def test_no_kb_check_problem_is_english_only_under_zh(starter: bool, edits: list[dict[str, Any]],
                                                      tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    if starter:  # kb_errors.yaml is written against the frozen starter KB
        for sub in ("rules", "knowledge_base"):
            shutil.copytree(DATA / "starter_kb" / sub, kb / sub)
    else:
        copy_kb(kb)
    for edit in edits:
        apply(kb, edit)
    english = []
    for problem in check_kb(kb).problems:
        shown = localized(problem, "zh")
        for text in (shown.message, shown.hint):
            if text and text.startswith(QUOTES_A_CASE_ERROR):
                text = text[:len(QUOTES_A_CASE_ERROR)]
            if text and (english_left(text) or not CJK.search(text)):
                english.append(text)
    assert english == []


def test_kb_test_reports_a_failed_scenario_in_chinese(perfdx, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    copy_kb(tmp_path / "kb")
    Path("kb/knowledge_base/scenarios/zz_language.yaml").write_text(
        "scenarios:\n"
        "  - name: language check of a failing scenario\n"
        "    case: ../../examples/cases/cs_agent_knowledge_tool_outage.yaml\n"
        "    expect:\n"
        "      primary: motivation\n"
        "      absent: [resource_shortage]\n"
        "      courses: [time_management]\n", encoding="utf-8")
    monkeypatch.setenv("PERFDX_LANG", "zh")
    result = perfdx("kb", "test", "--kb", "kb", "-k", "language check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("perfdx kb test：kb/knowledge_base/scenarios 中的 1 个场景（知识库 ")
    assert "kb/knowledge_base/scenarios/zz_language.yaml::language check of a failing scenario " \
           "未通过" in lines
    assert re.fullmatch(r"=+ 1 个未通过，\d+ 个未选中 =+", lines[-1]), lines[-1]
    assert [line for line in lines if english_left(line.replace(
        "language check of a failing scenario", ""))] == []
