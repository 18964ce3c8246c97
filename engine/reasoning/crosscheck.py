"""Cross-check: the reference evaluator must find exactly the activations durable_rules fired.

Every rule only sees facts of earlier stages and every `not` refers to earlier stages, so the final
working memory decides each activation exactly as the engine saw it when the stage ran.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import CrossCheckError
from ..kb.base import KnowledgeBase
from .evaluate import bindings, index_by_type
from .inference import Fired

Activation = tuple[str, int, tuple[tuple[str, str], ...]]


def expected_activations(kb: KnowledgeBase, memory: Iterable[dict[str, Any]]) -> set[Activation]:
    by_type = index_by_type(memory)
    found: set[Activation] = set()
    for rule in kb.rules:
        for b, branch in enumerate(rule.engine_branches):
            for binding in bindings(branch, by_type):
                ids = tuple(sorted((alias, str(f["id"])) for alias, f in binding.items()))
                found.add((rule.id, b, ids))
    return found


def fired_activations(fired: Iterable[Fired]) -> list[Activation]:
    return [(f.rule.id, f.branch, tuple(sorted(f.binding.items()))) for f in fired]


def cross_check(kb: KnowledgeBase, memory: list[dict[str, Any]], fired: list[Fired]) -> int:
    """Raise CrossCheckError on any disagreement; return the number of activations compared."""
    engine = fired_activations(fired)
    engine_set = set(engine)
    if len(engine_set) != len(engine):
        dupes = sorted({a for a in engine if engine.count(a) > 1})
        raise CrossCheckError(f"durable_rules fired {_show(dupes[0])} more than once")
    reference = expected_activations(kb, memory)
    missing = sorted(reference - engine_set)
    extra = sorted(engine_set - reference)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{len(missing)} activation(s) the engine did not fire, e.g. "
                         f"{_show(missing[0])}")
        if extra:
            parts.append(f"{len(extra)} the reference evaluator does not find, e.g. "
                         f"{_show(extra[0])}")
        raise CrossCheckError("cross-check failed: " + "; ".join(parts),
                              hint="this is a bug in perfdx; please report it with the case")
    return len(reference)


def _show(a: Activation) -> str:
    rule, branch, ids = a
    return f"{rule} (alternative {branch + 1}) on " + ", ".join(f"{k}={v}" for k, v in ids)
