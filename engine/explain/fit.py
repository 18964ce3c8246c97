"""Whether an intervention fits: contraindicated recommendations, and a manager's training request."""

from __future__ import annotations

from ..case import LoadedCase
from ..kb.base import KnowledgeBase
from ..reasoning.inference import InferenceResult
from .diagnosis import GapVerdictOut, SuppressedOut, TrainingRequestOut


def suppressed(result: InferenceResult) -> list[SuppressedOut]:
    grouped: dict[tuple[str, str, str], SuppressedOut] = {}
    for fact, contra, supports in result.suppressed:
        key = (str(fact["intervention"]), str(fact["pattern"]), contra.id)
        old = grouped.get(key)
        rules = [s.rule.id for s in supports]
        if old is None:
            grouped[key] = SuppressedOut(intervention=key[0], pattern=key[1],
                                         gaps=[str(fact["gap"])], contraindication=contra.id,
                                         reason=contra.reason, source=contra.source, rules=rules)
        else:
            grouped[key] = old.model_copy(update={
                "gaps": old.gaps + [str(fact["gap"])],
                "rules": old.rules + [r for r in rules if r not in old.rules]})
    return list(grouped.values())


def training_request(kb: KnowledgeBase, loaded: LoadedCase, result: InferenceResult,
                     recommended: list[str], withheld: list[SuppressedOut],
                     by_gap: list[GapVerdictOut]) -> TrainingRequestOut | None:
    """When the case says the manager asked for training: whether it fits, and why."""
    name = kb.settings.training_request
    if not name or not any(o.name == name and o.value is True
                           for o in loaded.case.observations):
        return None
    training = {i for i, iv in kb.interventions.items() if iv.kind == "training"}
    causes = list(dict.fromkeys(v.primary for v in by_gap if v.primary))
    given = [i for i in recommended if i in training]
    if given:
        return TrainingRequestOut(fits=True, reason="recommended", interventions=given,
                                  causes=causes)
    held = [s for s in withheld if s.intervention in training]
    if held:
        return TrainingRequestOut(fits=False, reason="contraindicated",
                                  interventions=list(dict.fromkeys(s.intervention for s in held)),
                                  contraindication=held[0].contraindication, causes=causes)
    return TrainingRequestOut(fits=False, reason="no_skill_cause", interventions=[],
                              causes=causes)
