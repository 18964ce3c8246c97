"""WHY-NOT for an intervention: why perfdx did not recommend it, as data (the CLI renders it).

An intervention is recommended by `recommend` rules for a cause perfdx concluded. So the answer
says, in order: whether it was recommended after all (for which gaps, by which rules); whether a
declared contraindication withheld it; for each pattern the catalog says it addresses, whether
that cause was concluded (and for which gaps) or not (then `--why-not PATTERN` says why); and
for each rule that recommends it, its closest binding and the first condition that failed, or
the evidence that is missing, as WHY-NOT for a pattern does.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..errors import InputError, did_you_mean, shown
from ..i18n import Lang
from ..kb.base import KnowledgeBase
from .analysis import Analysis
from .how_why_not import Attempt, attempt
from .wording import fact_name, label


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CauseState(_M):
    pattern: str
    name: str
    concluded_for: list[tuple[str, float]]  # (gap name, certainty) where it was reported


class Recommended(_M):
    pattern: str
    gaps: list[str]  # gap names
    rules: list[str]


class Withheld(_M):
    pattern: str
    gaps: list[str]  # gap names
    contraindication: str
    reason: str
    source: str | None
    rules: list[str]  # the rules that recommended it


class WhyNotRecommendedExplanation(_M):
    intervention: str
    name: str
    recommended: list[Recommended]
    withheld: list[Withheld]
    causes: list[CauseState]  # the patterns the catalog says it addresses
    no_gaps: bool
    attempts: list[Attempt]  # every recommend rule that recommends it


def check_intervention(kb: KnowledgeBase, intervention: str) -> None:
    """InputError, with a did-you-mean, when the KB has no such intervention."""
    if intervention not in kb.interventions:
        raise InputError(f"unknown intervention {shown(intervention)}",
                         hint=did_you_mean(intervention, kb.interventions)
                         or "`perfdx kb show --section interventions` lists them")


def why_not_recommended(analysis: Analysis, intervention: str, lang: Lang = "en"
                        ) -> WhyNotRecommendedExplanation:
    """Why `intervention` was not recommended for this case (InputError when the KB has no such
    intervention)."""
    kb, d, result = analysis.kb, analysis.diagnosis, analysis.result
    check_intervention(kb, intervention)

    def gap_name(gid: str) -> str:
        return fact_name(kb, result.facts[gid], lang) if gid in result.facts else gid

    recommended = [Recommended(pattern=r.pattern, gaps=[gap_name(g) for g in r.gaps],
                               rules=list(r.rules))
                   for r in d.recommendations if r.intervention == intervention]
    withheld = [Withheld(pattern=s.pattern, gaps=[gap_name(g) for g in s.gaps],
                         contraindication=s.contraindication, reason=s.reason.get(lang),
                         source=s.source, rules=list(s.rules))
                for s in d.suppressed if s.intervention == intervention]
    causes = [CauseState(pattern=p, name=label(kb, "pattern", p, lang),
                         concluded_for=[(gap_name(c.gap), c.certainty) for c in d.causes
                                        if c.pattern == p])
              for p in kb.interventions[intervention].addresses]
    fired: dict[str, list[str]] = {}  # the rules that did recommend it (withheld or not)
    made = [(r.intervention, r.rules, r.gaps) for r in d.recommendations] + \
        [(s.intervention, s.rules, s.gaps) for s in d.suppressed]
    for iid, by_rules, gaps in made:
        if iid == intervention:
            for rule in by_rules:
                fired.setdefault(rule, []).extend(gaps)
    rules = [r for r in kb.rules if r.stage == "recommend" and any(
        c.kind == "recommend" and c.intervention == intervention for c in r.conclusions)]
    attempts = [attempt(analysis, r, lang, sorted(set(fired.get(r.id, [])))) for r in rules]
    no_gaps = not any(f.get("t") == "gap" for f in result.facts.values())
    return WhyNotRecommendedExplanation(
        intervention=intervention, name=label(kb, "intervention", intervention, lang),
        recommended=recommended, withheld=withheld, causes=causes, no_gaps=no_gaps,
        attempts=attempts)
