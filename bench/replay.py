"""The raw engine, for comparison: the facts perfdx gives durable_rules, replayed straight into it.

`capture` diagnoses a case with perfdx and notes every fact it hands durable_rules, in order
(stage gates included). `Replay` registers perfdx's own compiled ruleset (the same definition,
with actions that only count firings) on a durable_rules host of its own, and replays those facts
the way the bare engine is used at its best: each stage's facts in one `assert_facts` call,
ending with the stage's gate, then the working memory read back and the session deleted. What
perfdx adds on top (checking the case, enrichment, the trace, certainty, the cross-check and
the diagnosis) is the difference `bench/ratios.py` measures.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine.api import Analysis, analyse  # noqa: E402
from engine.case import LoadedCase  # noqa: E402
from engine.kb.base import KnowledgeBase  # noqa: E402
from engine.reasoning.compile import GATE_TYPE, ruleset_definition  # noqa: E402
from engine.reasoning.session import _durable, _quiet_host  # noqa: E402

Batch = list[dict[str, Any]]


@contextmanager
def _listening(sink: list[dict[str, Any]]) -> Iterator[None]:
    """Note every fact any durable Host is given while the block runs."""
    host = _durable().Host
    one, many = host.assert_fact, host.assert_facts

    def assert_fact(self: Any, ruleset: str, fact: Any, complete: Any = None) -> Any:
        sink.extend(fact if isinstance(fact, list) else [fact])
        return one(self, ruleset, fact, complete)

    def assert_facts(self: Any, ruleset: str, facts: Any, complete: Any = None) -> Any:
        sink.extend(facts)
        return many(self, ruleset, facts, complete)

    host.assert_fact, host.assert_facts = assert_fact, assert_facts
    try:
        yield
    finally:
        host.assert_fact, host.assert_facts = one, many


def capture(kb: KnowledgeBase, loaded: LoadedCase) -> tuple[list[Batch], Analysis]:
    """The facts perfdx gives durable_rules for this case, cut into batches that each end with
    a stage gate (the facts after the last gate form the last batch)."""
    seen: list[dict[str, Any]] = []
    with _listening(seen):
        analysis = analyse(loaded, kb)
    batches: list[Batch] = [[]]
    for fact in seen:
        batches[-1].append({k: v for k, v in fact.items() if k != "sid"})
        if fact.get("t") == GATE_TYPE:
            batches.append([])
    return [b for b in batches if b], analysis


class Replay:
    """perfdx's compiled ruleset on a bare durable_rules host of its own."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.host = _quiet_host()
        self.name = "replay_" + kb.hash[:24]
        self.fired = 0
        self.sid = 0

        def fire(_name: str) -> Any:
            def act(_closure: Any) -> None:
                self.fired += 1
            return act

        self.host.register_rulesets({self.name: ruleset_definition(kb, fire, lambda _c: None)})

    def run(self, batches: list[Batch]) -> int:
        """Replay one case's facts; returns the number of facts held at the end."""
        self.sid += 1
        sid = str(self.sid)
        try:
            for batch in batches:
                state = self.host.assert_facts(self.name, [dict(f, sid=sid) for f in batch])
                if isinstance(state, dict) and state.get("exception"):
                    raise RuntimeError(state["exception"])
            return len(self.host.get_facts(self.name, sid))
        finally:
            self.host.delete_state(self.name, sid)
