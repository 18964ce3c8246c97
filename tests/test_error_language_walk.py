"""Every error perfdx prints follows the language (issue 16, point 11): exact lines in English
and Chinese for bad input to each command family (tests/data/error_language.yaml), and a walk
over the bad case files of tests/data/case_errors.yaml that fails on any English-only line under
PERFDX_LANG=zh."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from engine.messages import MESSAGES
from engine.messages.usage import USAGE_MESSAGES, _pattern, translate_usage

from .conftest import DATA
from .english_left import english_left
from .kb_edits import apply, copy_kb

CASES = yaml.safe_load((DATA / "error_language.yaml").read_text(encoding="utf-8"))
CASE_ERRORS = yaml.safe_load((DATA / "case_errors.yaml").read_text(encoding="utf-8"))
CJK = re.compile("[\u4e00-\u9fff]")


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
    args = [str(a) for a in case["args"]]
    assert _output(perfdx(*args), case) == (case["exit"], case["en"])
    monkeypatch.setenv("PERFDX_LANG", "zh")
    assert _output(perfdx(*args), case) == (case["exit"], case["zh"])
    if case.get("lang_option"):
        monkeypatch.delenv("PERFDX_LANG")
        assert _output(perfdx(*args, "--lang", "zh"), case) == (case["exit"], case["zh"])


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_every_chinese_line_is_chinese(case: dict[str, Any]) -> None:
    assert [english_left(line) for line in case["zh"].splitlines()
            if english_left(line) or (line and not CJK.search(line))] == []


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
