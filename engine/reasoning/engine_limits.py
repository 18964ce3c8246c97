"""What durable_rules refuses to compile, found before a diagnosis runs (issue 10).

durable_rules builds a fixed-size network: one test of a fact may feed at most 256 rule
conditions (error 108, BETA_LIST_LENGTH in its rules.h), one test may be followed by at most 128
different tests (error 107, NEXT_LIST_LENGTH), and its JSON reader takes no exponent (errors
201-205). It reports only the number, for the whole ruleset. When registration fails, the
smallest prefix of the KB's rules that still fails names the rule that crosses the limit; `kb
check` compiles every KB it passes (and runs an empty session through the stages) so that what
it passes, `diagnose` runs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from ..errors import EngineError, Problem
from ..kb.base import KnowledgeBase
from ..kb.load import display_path
from ..kb.rules import Rule
from ..kb.vocabulary import STAGES

WHY = {
    "106": "more rules than durable_rules holds in one ruleset",
    "107": "more than 128 different tests follow one test of a fact (for example many "
           "thresholds on one observation)",
    "108": "more than 256 rule conditions share one test of a fact",
    "201": "a value it cannot read", "202": "a value it cannot read",
    "203": "a number it cannot read", "204": "a value it cannot read",
    "205": "a list it cannot read",
}
_CODE = re.compile(r"error code:? (\d+)")
_PROBES = itertools.count()


class EngineRefused(EngineError):
    """durable_rules refused to compile a KB's rules; names the first rule it cannot take."""


def engine_code(err: BaseException) -> str | None:
    found = _CODE.search(str(err))
    return found.group(1) if found else None


def refusal(kb: KnowledgeBase, err: BaseException,
            registers: Callable[[Sequence[Rule], str], bool]) -> EngineRefused:
    """The error to raise for a refused registration: the first rule at fault, when the
    smallest failing prefix of the rules finds one. `registers(rules, name)` tries one."""
    code = engine_code(err)
    why = WHY.get(code or "", f"error code {code}" if code else str(err))
    rules = kb.rules

    def fails(k: int) -> bool:
        return not registers(rules[:k], f"perfdx_probe_{next(_PROBES)}")

    lo, hi = 1, len(rules)
    if not rules or not fails(hi):
        return EngineRefused(f"durable_rules refused the compiled rules: {why}",
                             hint="run 'perfdx kb check'", code="E127")
    while lo < hi:  # the smallest k with rules[:k] refused
        mid = (lo + hi) // 2
        if fails(mid):
            hi = mid
        else:
            lo = mid + 1
    rule = rules[lo - 1]
    return EngineRefused(
        f"durable_rules cannot compile the rules from {rule.id} on: {why} "
        f"(engine error {code})" if code else
        f"durable_rules cannot compile the rules from {rule.id} on: {why}",
        file=display_path(kb.root, rule.file), line=rule.line, code="E127",
        hint="merge rules that test facts the same way, or split them across stages")


def engine_problems(kb: KnowledgeBase) -> list[Problem]:
    """Compile the KB into durable_rules and run an empty session through every stage; any
    refusal becomes a `kb check` error."""
    from .session import engine  # the engine is loaded only when a check gets this far

    try:
        with engine().session(kb) as session:
            for stage in STAGES:
                session.run_stage(stage)
    except EngineError as err:
        problem = err.problem
        return [Problem(problem.message, problem.file, problem.line, problem.col,
                        problem.field, problem.hint, "E127")]
    return []


