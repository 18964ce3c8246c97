"""The fuzzers in their fast, seeded form (issue 10): a few hundred inputs on every `make test`.

`make fuzz` runs the long form; both sort each input into ok, clean error, internal error, hang
or engine/evaluator disagreement (tests/fuzz/outcome.py), and the last three must never happen.
"""

from __future__ import annotations

import pytest

from tests.fuzz.__main__ import progress_line, table
from tests.fuzz.generators import inputs
from tests.fuzz.outcome import CLEAN, DISAGREE, FAILURES, INTERNAL, OK, classify
from tests.fuzz.pool import run_all

SEED = 10
COUNTS = {"case": 250, "kb": 6, "join": 6}
# Failing inputs whose defect another branch of issue 10 fixes; remove each entry when its fix
# is on main (the test then holds the input to "no failure" like every other one).
KNOWN: dict[str, str] = {}


@pytest.fixture(scope="module")
def results():
    return run_all(inputs(SEED, COUNTS, join_cases=4), workers=2, timeout=60)


def test_every_input_ran(results) -> None:
    assert sorted(d.input.name for d in results) == sorted(
        f"{g}-{i:05d}" for g, n in COUNTS.items() for i in range(n))


def test_no_internal_error_hang_or_disagreement(results) -> None:
    failing = [f"{d.input.name} [{d.outcome.cls}] {d.outcome.detail} ({d.input.note})"
               for d in results if d.outcome.cls in FAILURES and d.input.name not in KNOWN]
    assert failing == [], "\n" + table(results) + "\n" + "\n".join(failing)


def test_the_inputs_reach_the_reasoning_not_only_the_validation(results) -> None:
    ok = {g: sum(1 for d in results if d.input.generator == g and d.outcome.cls == OK)
          for g in COUNTS}
    assert ok["case"] >= 25 and ok["kb"] >= 1 and ok["join"] >= 1, ok


def test_inputs_are_the_same_for_the_same_seed() -> None:
    assert list(inputs(SEED, COUNTS)) == list(inputs(SEED, COUNTS))
    assert list(inputs(SEED, COUNTS)) != list(inputs(SEED + 1, COUNTS))


@pytest.mark.parametrize("stdout, stderr, code, expected", [
    ("", "", 0, OK),
    ("", "perfdx: error: /in/case.yaml:3:1: bad\n", 1, CLEAN),
    ("", "perfdx: error: somewhere else: bad\n", 1, INTERNAL),
    ("", "perfdx: error: /in/case.yaml:3:1: bad\nperfdx: error: forged\n", 1, INTERNAL),
    ("", "perfdx: internal error: TypeError: x (run with --debug ...)\n", 1, INTERNAL),
    ("", "perfdx: error: cross-check failed: 1 activation(s) ...\n", 1, DISAGREE),
    ("", "perfdx: error: /in/case.yaml: bad\n", 2, INTERNAL),
    ("\x1b[31m", "", 0, INTERNAL),
    ("", "perfdx: error: /in/case.yaml:3:1: bad\nperfdx: error: /in/case.yaml:9:1: worse\n"
         "perfdx: 2 problems in /in/case.yaml: nothing was diagnosed\n", 1, CLEAN),
    ("", "perfdx: error: /in/case.yaml:3:1: bad\nperfdx: error: /in/case.yaml:9:1: worse\n"
         "perfdx: 3 problems in /in/case.yaml: nothing was diagnosed\n", 1, INTERNAL),
    ("", "perfdx: error: /in/case.yaml:3:1: bad\nperfdx: error: elsewhere: worse\n"
         "perfdx: 2 problems in /in/case.yaml: nothing was diagnosed\n", 1, INTERNAL),
], ids=["ok", "clean", "no file", "two lines", "internal", "disagreement", "exit 2", "escape",
        "every problem of a case", "miscounted problems", "one problem names no input"])
def test_outcome_classes(stdout: str, stderr: str, code: int, expected: str) -> None:
    assert classify(["diagnose", "/in/case.yaml"], code, stdout, stderr, None,
                    ("/in",)).cls == expected


def test_kb_check_output_classes() -> None:
    report = ("/k/rules/a.yaml:3:5: error E113 rules[0]: bad\nnote: later\n"
              "kb check failed: 1 error, 0 warnings in 3 files of /k\n")
    assert classify(["kb", "check"], 1, report, "", None, ("/k",)).cls == CLEAN
    forged = "/k/rules/a.yaml:3:5: error E113 rules[0]: bad\nforged\n" + report
    assert classify(["kb", "check"], 1, forged, "", None, ("/k",)).cls == INTERNAL
    assert classify(["kb", "check"], 1, "", "", ValueError("x"), ("/k",)).detail == \
        "exception ValueError: x"


def test_a_long_run_says_how_far_it_has_got() -> None:
    assert progress_line(565, 11300, 1, 1200.4) == \
        "fuzz: 565 of 11300 inputs (5%) in 1200 s, 1 failing; about 380 min to go"
