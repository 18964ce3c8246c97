"""A MYCIN-style consultation: which missing question to ask next, and what an answer means.

The next question is the one whose answer could change the ranking most: for each question the
diagnosis lists as missing evidence, the case is analysed again with each answer it could get
(yes and no; each choice; for a number, a value on each side of every threshold the rules test
it against), and the largest change in the reported causes is its score: the sum over causes of
how much their certainty moves, plus one when the primary cause changes. Ties keep the order of
the missing-evidence list. "unknown" is always a possible answer and never changes a ranking, so
it does not enter the score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..case import UNKNOWN, LoadedCase, ObservationIn
from ..errors import did_you_mean
from ..kb.base import KnowledgeBase
from ..kb.conditions import Test, iter_tests
from ..kb.models import Observation
from .analysis import Analysis
from .diagnosis import Diagnosis
from .missing import pinned_names

Analyse = Callable[[LoadedCase], Analysis]
Ranking = dict[tuple[str, str], float]

YES = ("yes", "y", "true", "是", "对")
NO = ("no", "n", "false", "否", "不")
UNKNOWNS = ("unknown", "?", "dont know", "don't know", "不知道", "未知")


@dataclass(frozen=True)
class Scored:
    observation: str
    score: float


def ranking(d: Diagnosis) -> Ranking:
    return {(c.pattern, c.gap): c.certainty for c in d.causes}


def change(before: Diagnosis, after: Diagnosis) -> float:
    """How far the ranking moved: certainty moved, plus one if the primary cause changed."""
    a, b = ranking(before), ranking(after)
    moved = sum(abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in set(a) | set(b))
    top_a = before.causes[0].pattern if before.causes else None
    top_b = after.causes[0].pattern if after.causes else None
    return round(moved + (1.0 if top_a != top_b else 0.0), 6)


def with_answer(loaded: LoadedCase, name: str, value: Any) -> LoadedCase:
    """The case with one more (case-wide) finding; positions of the rest are kept."""
    observations = [*loaded.case.observations, ObservationIn(name=name, value=value)]
    case = loaded.case.model_copy(update={"observations": observations})
    return LoadedCase(case, loaded.source, loaded._data)


def trial_answers(kb: KnowledgeBase, name: str) -> list[Any]:
    """Answers worth trying for a question: each that a rule could tell apart."""
    spec = kb.observations[name]
    if spec.type == "boolean":
        return [True, False]
    if spec.type == "choice":
        return list(spec.choices or [])
    if spec.type != "number":
        return []
    limits = sorted({float(t.value) for r in kb.rules for b in r.engine_branches
                     for p in b.patterns if p.fact == "observation" and name in pinned_names(p)
                     for t in iter_tests(p.tests) if isinstance(t, Test) and t.field == "value"
                     and t.op in ("below", "at_most", "above", "at_least")
                     and isinstance(t.value, (int, float))})
    if not limits:
        return []
    points = [limits[0] - 1] + [(a + b) / 2 for a, b in zip(limits, limits[1:], strict=False)] + [
        limits[-1] + 1] + limits
    low = spec.low if spec.low is not None else -1e9
    high = spec.high if spec.high is not None else 1e9
    return sorted({min(max(p, low), high) for p in points})


def rank_questions(analysis: Analysis, analyse: Analyse, skip: set[str],
                   limit: int = 10) -> list[Scored]:
    """The missing questions, the one whose answer could change the ranking most first."""
    d = analysis.diagnosis
    names = [m.observation for m in d.missing_evidence if m.observation not in skip][:limit]
    scored = []
    for name in names:
        best = 0.0
        for value in trial_answers(analysis.kb, name):
            after = analyse(with_answer(analysis.loaded, name, value)).diagnosis
            best = max(best, change(d, after))
        scored.append(Scored(name, best))
    order = {n: i for i, n in enumerate(names)}
    scored.sort(key=lambda s: (-s.score, order[s.observation]))
    return scored


class BadAnswer(ValueError):
    """An answer that does not fit the question; the message says what would."""


def parse_answer(spec: Observation, text: str) -> Any:
    """A typed answer, or `unknown`; raises BadAnswer with what the question takes."""
    raw = text.strip()
    low = raw.lower()
    if low in UNKNOWNS:
        return UNKNOWN
    if spec.type == "boolean":
        if low in YES:
            return True
        if low in NO:
            return False
        raise BadAnswer("answer yes, no or unknown")
    if spec.type == "number":
        try:
            value = float(raw)
        except ValueError:
            raise BadAnswer("answer a number, or unknown") from None
        if spec.low is not None and value < spec.low or spec.high is not None and \
                value > spec.high:
            raise BadAnswer(f"answer a number from {spec.low:g} to {spec.high:g}, or unknown"
                            if spec.low is not None and spec.high is not None else
                            "answer a number in range, or unknown")
        return int(value) if value.is_integer() else value
    if spec.type == "choice":
        choices = spec.choices or []
        if raw in choices:
            return raw
        hint = did_you_mean(raw, choices)
        raise BadAnswer(f"answer one of {', '.join(choices)}, or unknown"
                        + (f" ({hint})" if hint else ""))
    if not raw:
        raise BadAnswer("answer in words, or unknown")
    return raw


def scale(spec: Observation, lang: str) -> str:
    """What the question takes, shown beside it."""
    unknown = "unknown" if lang == "en" else "unknown(不知道)"
    if spec.type == "boolean":
        return f"yes / no / {unknown}" if lang == "en" else f"yes(是) / no(否) / {unknown}"
    if spec.type == "choice":
        return " / ".join([*(spec.choices or []), unknown])
    if spec.type == "number":
        rng = (f"{spec.low:g}-{spec.high:g}" if spec.low is not None and spec.high is not None
               else "")
        word = "a number" if lang == "en" else "数字"
        return f"{word} {rng} / {unknown}".replace("  ", " ")
    return ("text / " if lang == "en" else "文字 / ") + unknown
