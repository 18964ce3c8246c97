"""Assemble the Diagnosis from the inference result: ranked, grouped, language-neutral."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..case import LoadedCase
from ..kb.base import KnowledgeBase
from ..reasoning.evaluate import index_by_type
from ..reasoning.inference import InferenceResult
from ..reasoning.trace import Step, Trace
from .accounting import evidence_found, gap_verdicts, separating_questions, unused_findings
from .diagnosis import (
    CauseOut,
    Diagnosis,
    EmployeeOut,
    GapOut,
    MissingEvidenceOut,
    NotReportedOut,
    RecommendationOut,
    ReviewOut,
    TrainingOut,
)
from .fit import suppressed, training_request
from .missing import missing_evidence, rank

if TYPE_CHECKING:  # imported only where a track record is used (start-up, issue 15)
    from .track_record import TrackRecord


def _gaps(loaded: LoadedCase, result: InferenceResult) -> list[GapOut]:
    case = loaded.case
    out = []
    for fid, fact in result.facts.items():
        if fact["t"] != "gap":
            continue
        source = result.facts[fact["source"]]
        extra: dict[str, Any] = {}
        index = result.origins[source["id"]].index
        if source["t"] == "metric":
            metric = case.metrics[index]
            extra = dict(period=source["period"], target=metric.target, actual=metric.actual,
                         unit=source["unit"], direction=source["direction"],
                         attainment=source.get("attainment"), shortfall=source["shortfall"],
                         trend=source["trend"], team_median=metric.team_median,
                         vs_team=source.get("vs_team"))
        else:
            extra = dict(description=case.concerns[index].description, period=case.period)
        out.append(GapOut(id=fid, source=fact["source"], kpi=fact.get("kpi"),
                          area=fact.get("area"), measured=fact["measured"],
                          severity=fact["severity"],
                          rules=[s.rule.id for s in result.support.get(fid, [])], **extra))
    return out


def _causes(kb: KnowledgeBase, result: InferenceResult) -> tuple[list[CauseOut],
                                                                  list[NotReportedOut]]:
    threshold = kb.settings.report_threshold
    causes, not_reported = [], []
    pattern_order = list(kb.patterns)
    gap_order = list(result.facts)
    for key, value in result.combined.items():
        pattern, gap = key
        supports = result.cause_support.get(key, [])
        if value >= threshold:
            causes.append(CauseOut.model_validate(dict(  # plain data, validated once
                pattern=pattern, gap=gap, certainty=value,
                rules=[s.rule.id for s in supports if (s.value or 0) > 0],
                contributions=[{"rule": s.rule.id, "stage": s.stage, "certainty": s.value or 0}
                               for s in supports])))
        elif value > 0:
            not_reported.append(NotReportedOut(pattern=pattern, gap=gap, certainty=value))
    causes.sort(key=lambda c: (-c.certainty, pattern_order.index(c.pattern), gap_order.index(c.gap)))
    not_reported.sort(key=lambda c: (-c.certainty, c.pattern, c.gap))
    return causes, not_reported


def _recommendations(kb: KnowledgeBase, result: InferenceResult,
                     track: TrackRecord | None = None) -> list[RecommendationOut]:
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for fid, fact in result.facts.items():
        if fact["t"] != "recommendation":
            continue
        key = (str(fact["intervention"]), str(fact["pattern"]))
        entry = grouped.setdefault(key, {"gaps": [], "priority": 9, "certainty": 0.0,
                                         "rules": []})
        entry["gaps"].append(fact["gap"])
        entry["priority"] = min(entry["priority"], fact["priority"])
        entry["certainty"] = max(entry["certainty"], fact["certainty"])
        for s in result.support.get(fid, []):
            if s.rule.id not in entry["rules"]:
                entry["rules"].append(s.rule.id)
    out = [RecommendationOut(intervention=i, pattern=p, gaps=e["gaps"], priority=e["priority"],
                             certainty=e["certainty"], owner=kb.interventions[i].owner,
                             rules=e["rules"])
           for (i, p), e in grouped.items()]
    out.sort(key=lambda r: (r.priority, -r.certainty, r.intervention, r.pattern))
    if track is not None:
        minimum = kb.settings.min_track_record
        out.sort(key=lambda r: (r.priority, -track.share(r.intervention, r.pattern, minimum)))
    return out


def rank_steps(kb: KnowledgeBase, recommendations: list[RecommendationOut], track: TrackRecord,
               start: int) -> list[Step]:
    """A trace step for each recommendation whose place among those of equal priority the
    track record decided (it sits elsewhere than it would without one)."""
    minimum = kb.settings.min_track_record
    usual = sorted(recommendations, key=lambda r: (r.priority, -r.certainty, r.intervention,
                                                   r.pattern))
    steps: list[Step] = []
    for pos, r in enumerate(recommendations):
        if usual[pos] is r:
            continue
        e = track.entry(r.intervention, r.pattern)
        steps.append(Step(
            seq=start + len(steps), stage="recommend", kind="rank",
            asserted={"intervention": r.intervention, "pattern": r.pattern,
                      "priority": r.priority, "position": pos + 1,
                      "n": e.n if e else 0, "met": e.met if e else 0,
                      "share": round(track.share(r.intervention, r.pattern, minimum), 4)},
            note=f"ordered by the case library's track record (min_track_record {minimum})"))
    return steps


def _training(kb: KnowledgeBase, result: InferenceResult) -> list[TrainingOut]:
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for fid, fact in result.facts.items():
        if fact["t"] != "training":
            continue
        for course in kb.courses.values():
            if course.competency != fact["competency"]:
                continue
            entry = grouped.setdefault((course.id, str(fact["pattern"])),
                                       {"gaps": [], "rules": [], "certainty": 0.0})
            entry["gaps"].append(fact["gap"])
            entry["certainty"] = max(entry["certainty"], fact["certainty"])
            for s in result.support.get(fid, []):
                if s.rule.id not in entry["rules"]:
                    entry["rules"].append(s.rule.id)
    ranked = sorted(grouped.items(), key=lambda kv: (-kv[1]["certainty"], kv[0]))
    return [TrainingOut(course=c, competency=kb.courses[c].competency,
                        hours=kb.courses[c].hours, pattern=p, gaps=e["gaps"], rules=e["rules"])
            for (c, p), e in ranked]


def build_diagnosis(loaded: LoadedCase, kb: KnowledgeBase, result: InferenceResult,
                    track: TrackRecord | None = None) -> Diagnosis:
    """The Diagnosis; `track`: the case library's track record, to order interventions of
    equal priority (none: the usual order)."""
    case = loaded.case
    emp = case.employee
    causes, not_reported = _causes(kb, result)
    drivers = {d for f in result.facts.values() if f["t"] == "gap" for d in f.get("drivers", [])}
    wanted = rank(kb, missing_evidence(kb, index_by_type(result.facts.values())), drivers,
                  {c.pattern for c in causes})
    # a gap where no evidence rule fired: lead with the questions that separate its patterns
    questions = {gid: separating_questions(kb, g, wanted) for gid, g in result.facts.items()
                 if g["t"] == "gap" and not evidence_found(result, gid)}
    first = [q for qs in questions.values() for q in qs]
    first = list(dict.fromkeys(first))
    verdicts = gap_verdicts(kb, result, questions)
    withheld = suppressed(result)
    recommendations = _recommendations(kb, result, track)
    trace = result.trace
    if track is not None:
        extra = rank_steps(kb, recommendations, track, len(trace.steps) + 1)
        trace = Trace(steps=trace.steps + extra) if extra else trace
    wanted = sorted(wanted, key=lambda w: first.index(w.observation) if w.observation in first
                    else len(first))
    return Diagnosis(
        case_id=case.case_id, as_of=case.as_of, period=case.period, kb_hash=kb.hash,
        employee=EmployeeOut(id=emp.id, role=emp.role, department=emp.department,
                             level=emp.level, tenure_months=(
                                 "unknown" if emp.tenure_months is None else emp.tenure_months),
                             manager=emp.manager),
        review=ReviewOut(reviewer=emp.reviewer),
        gaps=_gaps(loaded, result),
        causes=causes,
        recommendations=recommendations,
        training=_training(kb, result),
        missing_evidence=[MissingEvidenceOut(observation=w.observation,
                                             question=kb.observations[w.observation].question,
                                             patterns=w.patterns, rules=w.rules)
                          for w in wanted],
        not_reported=not_reported,
        by_gap=verdicts,
        unused=unused_findings(kb, loaded, result),
        suppressed=withheld,
        training_request=training_request(kb, loaded, result,
                                          [r.intervention for r in recommendations], withheld,
                                          verdicts),
        report_threshold=kb.settings.report_threshold,
        trace=trace,
    )
