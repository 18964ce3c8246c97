"""Every operator's truth table, in both evaluations: pure Python and durable_rules."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from engine.kb.conditions import Ref
from engine.kb.conditions import Test as FieldTest
from engine.kb.operators import ABSENT, OPERATORS, true_or_unknown, unknown_flag
from engine.reasoning.compile import KEEP_PREFIX, durable_alias
from engine.reasoning.evaluate import test_holds as holds
from engine.reasoning.evaluate import test_truth as truth
from engine.reasoning.session import _quiet_host
from tests.conftest import DATA

ROWS = yaml.safe_load((DATA / "operator_truth.yaml").read_text(encoding="utf-8"))["rows"]


def _rule_value(row: dict[str, Any]) -> Any:
    return tuple(row["rule"]) if isinstance(row["rule"], list) else row["rule"]


def _fact(row: dict[str, Any]) -> dict[str, Any]:
    fact: dict[str, Any] = {"id": "f1", "t": "thing"}
    if row["value"] == "UNKNOWN":
        fact[unknown_flag("x")] = True
    elif row["value"] != "ABSENT":
        fact["x"] = row["value"]
    return fact


def _truth(row: dict[str, Any]) -> bool | None:
    return None if row["holds"] == "unknown" else row["holds"]


def _ids(row: dict[str, Any]) -> str:
    return f"{row['op']}-{row['rule']}-{row['value']}"


def test_every_operator_has_rows() -> None:
    assert {r["op"] for r in ROWS} | {"same_as"} == set(OPERATORS)


@pytest.mark.parametrize("row", ROWS, ids=_ids)
def test_python_evaluation(row: dict[str, Any]) -> None:
    test = FieldTest("x", row["op"], _rule_value(row), "x", 1, 1)
    assert truth(test, _fact(row), {}) is _truth(row)
    assert holds(test, _fact(row), {}) is (_truth(row) is True)


_HOST: Any = None
_FIRED: list[str] = []


def _host() -> Any:
    """One durable_rules ruleset holding one rule per truth-table row."""
    global _HOST
    if _HOST is None:
        rules: dict[str, Any] = {}
        for i, row in enumerate(ROWS):
            value = _rule_value(row)
            value = list(value) if isinstance(value, tuple) else value
            expr = OPERATORS[row["op"]].durable("x", value)
            rules[f"row{i}"] = {"all": [{"a_m": {"$and": [{"t": "thing"}, {"row": i}, expr]}}],
                                "run": (lambda n: lambda c: _FIRED.append(n))(f"row{i}")}
            not_failed = true_or_unknown("x", expr)
            rules[f"nf{i}"] = {"all": [{"a_m": {"$and": [{"t": "thing"}, {"row": i},
                                                         not_failed]}}],
                               "run": (lambda n: lambda c: _FIRED.append(n))(f"nf{i}")}
        rules[KEEP_PREFIX + "thing"] = {"all": [{"m": {"t": "thing"}}], "pri": 1000,
                                        "run": lambda c: None}
        _HOST = _quiet_host()
        _HOST.register_rulesets({"operator_truth": rules})
    return _HOST


@pytest.mark.parametrize("i", range(len(ROWS)), ids=[_ids(r) for r in ROWS])
def test_durable_rules_evaluation(i: int) -> None:
    host = _host()
    _FIRED.clear()
    fact = dict(_fact(ROWS[i]), row=i, sid=str(i + 1))
    host.assert_fact("operator_truth", fact)
    host.delete_state("operator_truth", str(i + 1))
    assert (f"row{i}" in _FIRED) is (_truth(ROWS[i]) is True)
    assert (f"nf{i}" in _FIRED) is (_truth(ROWS[i]) is not False)


@pytest.mark.parametrize(("mine", "other", "expected"), [
    ("k1", "k1", True), ("k1", "k2", False), (ABSENT, "k1", False), ("k1", ABSENT, False),
])
def test_join_same_as(mine: Any, other: Any, expected: bool) -> None:
    fact = {"t": "rating"} if mine is ABSENT else {"t": "rating", "kpi": mine}
    gap = {"t": "gap"} if other is ABSENT else {"t": "gap", "kpi": other}
    test = FieldTest("kpi", "same_as", Ref("gap", "kpi"), "x", 1, 1)
    assert holds(test, fact, {"gap": gap}) is expected


def test_join_compiles_to_a_durable_equality_join() -> None:
    assert OPERATORS["same_as"].durable("kpi", (durable_alias("gap"), "kpi")) == {
        "kpi": {"a_gap": "kpi"}}


@pytest.mark.parametrize(("op", "ok", "text"), [
    ("below", False, "digital tools rating 3.4 is not below 3"),
    ("below", True, "digital tools rating 3.4 is below 3"),
    ("at_least", False, "digital tools rating 3.4 is below 3"),
])
def test_english_wording(op: str, ok: bool, text: str) -> None:
    assert OPERATORS[op].wording("en", ok, subject="digital tools rating", actual="3.4",
                                 value="3") == text


def test_chinese_wording() -> None:
    assert OPERATORS["below"].wording("zh", False, subject="数字化工具应用评分", actual="3.4",
                                      value="3") == "数字化工具应用评分为3.4,不低于3"


def test_yes_no_is_not_one_and_zero() -> None:
    """Python's True == 1 must not leak into rules: a yes/no only equals a yes/no."""
    assert holds(FieldTest("x", "is", 1, "x", 1, 1), {"x": True}, {}) is False
    assert holds(FieldTest("x", "is", True, "x", 1, 1), {"x": 1}, {}) is False
