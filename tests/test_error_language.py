"""Errors follow --lang, and $PERFDX_LANG sets the default language of every command, the `kb`
commands included (issue 16, point 11). One message table (engine/messages.py) holds each
message in English and Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.messages import MESSAGES, _pattern

from .conftest import DATA

CASE = ("case_id: C-1\nas_of: 2026-10-31\nperiod: 2026-Q3\n"
        "employee: {id: E1, role: Analyst, department: Finance, tenure_months: 12}\n"
        "metrics:\n"
        "  - {kpi: sales_grwoth, target: 15, actual: 3}\n"
        "observations:\n"
        "  - {name: could_do_if_life_dependd, value: true}\n"
        "  - {name: tool_proficiency, value: expret}\n"
        "  - {name: goal_agreed, value: \"no\"}\n")

ZH = (
    "perfdx:错误：case.yaml:6:6: metrics[0].kpi: 未知的指标 'sales_grwoth' "
    "(是否想写 'sales_growth'?)\n"
    "perfdx:错误：case.yaml:8:6: observations[0].name: 未知的观察项 'could_do_if_life_dependd' "
    "(是否想写 'could_do_if_life_depended'?)\n"
    "perfdx:错误：case.yaml:9:30: observations[1].value: 观察项 'tool_proficiency' 应为 none, "
    "basic, proficient, expert 之一,而不是 'expret' (是否想写 'expert'?)\n"
    "perfdx:错误：case.yaml:10:25: observations[2].value: 观察项 'goal_agreed' 以是或否作答,"
    "不加引号(写 no,而不是 \"no\")\n"
    "perfdx:case.yaml 中有 4 个问题：未做任何诊断\n")


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(CASE, encoding="utf-8")
    return "case.yaml"


def test_case_errors_in_chinese_with_lang(run, case: str) -> None:
    result = run("diagnose", case, "--lang", "zh")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", ZH)


def test_perfdx_lang_is_the_default(run, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFDX_LANG", "zh")
    assert run("diagnose", case).stderr == ZH
    # --lang still wins over the environment
    assert run("diagnose", case, "--lang", "en").stderr.startswith(
        "perfdx: error: case.yaml:6:6: metrics[0].kpi: unknown KPI 'sales_grwoth' "
        "(did you mean 'sales_growth'?)\n")


def test_english_is_unchanged(run, case: str) -> None:
    assert run("diagnose", case).stderr.endswith(
        "perfdx: 4 problems in case.yaml: nothing was diagnosed\n")


def test_a_missing_target(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(CASE.split("metrics:")[0] + (
        "metrics:\n  - {kpi: error_rate, actual: 3}\n"), encoding="utf-8")
    assert run("diagnose", "case.yaml", "--lang", "zh").stderr == (
        "perfdx:错误：case.yaml:6:5: metrics[0]: 缺少目标值 (请给出该指标本考核期的目标值;"
        "没有目标值的结果应写在 `concerns` 下,写作 {kpi: ..., severity: ..., description: ...})\n")


def test_file_errors(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("diagnose", "nothing.yaml", "--lang", "zh").stderr == (
        "perfdx:错误：nothing.yaml: 找不到案例文件\n")
    Path("dir.yaml").mkdir()
    assert run("plan", "dir.yaml", "--lang", "zh").stderr == (
        "perfdx:错误：dir.yaml: 案例文件是目录,不是文件\n")
    Path("bad.yaml").write_text("case_id: C-1\n\tas_of: 2026-10-31\n", encoding="utf-8")
    assert run("diagnose", "bad.yaml", "--lang", "zh").stderr == (
        "perfdx:错误：bad.yaml:2:1: YAML 格式错误:出现制表符:YAML 只能用空格缩进(请把制表符换成空格)\n")


def test_kb_commands_follow_perfdx_lang(run, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFDX_LANG", "zh")
    for command in (("kb", "check"), ("kb", "test"), ("kb", "show")):
        result = run(*command, "--kb", str(tmp_path))
        assert (result.exit_code, result.stderr) == (1, (
            f"perfdx:错误：{tmp_path}: 不是知识库：其中没有 rules/ 或 knowledge_base/ 文件夹 "
            "(请让 --kb 指向由 'perfdx kb init' 生成的文件夹)\n")), command


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_values(key: str) -> None:
    en, zh = MESSAGES[key]
    assert zh and zh != en
    assert set(_pattern(en).groupindex) == set(_pattern(zh).groupindex)


def test_a_plan_that_fails_the_smart_check(run) -> None:
    result = run("plan", str(DATA / "cases/lower_is_better.yaml"), "--no-record", "--lang", "zh")
    assert (result.exit_code, result.stderr) == (1, (
        f"perfdx:错误：{DATA / 'cases/lower_is_better.yaml'}: "
        "计划未通过 SMART 检查：目标 1(差错率):没有原因：该差距没有达到报告阈值的已诊断"
        "原因(相关) | 目标 3(月结周期):没有原因：该差距没有达到报告阈值的已诊断原因(相关) (先用 "
        "`perfdx plan CASE --interview` 准备面谈,把面谈所得记入案例,再重新起草计划)\n"))
