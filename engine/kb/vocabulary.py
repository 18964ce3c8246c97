"""The fact types of working memory, their fields, and the stages of inference.

The engine fills these fields (from the case and from the KPI catalog), so their shape is fixed
here; the knowledge base declares the domain names that go into them (KPIs, observations, rating
dimensions, areas, patterns). Labels are what explanations print ("sales growth attainment 0.41").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Text, text

# Stages run in this order; each rule belongs to one.
STAGES: tuple[str, ...] = ("gaps", "evidence", "causes", "recommend")

SEVERITIES = ("none", "minor", "moderate", "severe")
TRENDS = ("declining", "sudden_drop", "improving", "stable", "fluctuating", "unknown")
RATING_SOURCES = ("supervisor", "peer", "subordinate", "customer", "self")
DIRECTIONS = ("higher_is_better", "lower_is_better")
VS_TEAM = ("below", "level", "above")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # number | text | bool | choice | list | ref:<catalog> | list:<catalog> | any
    label: Text
    choices: tuple[str, ...] = ()
    low: float | None = None  # the smallest value the field can take, if bounded
    high: float | None = None
    may_be_unknown: bool = False  # a case may answer it "unknown" (three-valued logic)


@dataclass(frozen=True)
class FactType:
    name: str
    label: Text
    fields: dict[str, Field]
    produced_by: str | None  # the stage that concludes it; None for facts from the case
    visible_from: str | None  # the first stage whose rules can match it; None: never matched

    def field(self, name: str) -> Field | None:
        return self.fields.get(name)


def _fields(*items: Field) -> dict[str, Field]:
    return {f.name: f for f in items}


_ID = Field("id", "text", text("id", "编号"))

FACT_TYPES: dict[str, FactType] = {
    ft.name: ft
    for ft in (
        FactType("employee", text("employee", "员工"), _fields(
            _ID,
            Field("role", "text", text("role", "岗位")),
            Field("department", "text", text("department", "部门")),
            Field("level", "text", text("level", "职级")),
            Field("tenure_months", "number", text("tenure in months", "司龄(月)"), low=0,
                  may_be_unknown=True),
        ), None, "gaps"),
        FactType("metric", text("KPI result", "指标结果"), _fields(
            _ID,
            Field("kpi", "ref:kpi", text("KPI", "指标")),
            Field("period", "text", text("period", "考核期")),
            Field("target", "number", text("target", "目标值")),
            Field("actual", "number", text("actual", "实际值")),
            Field("unit", "text", text("unit", "单位")),
            Field("direction", "choice", text("direction", "方向"), choices=DIRECTIONS),
            Field("attainment", "number", text("attainment", "达成率"), low=None),
            Field("shortfall", "number", text("shortfall", "差额")),
            Field("severity", "choice", text("severity", "严重程度"), choices=SEVERITIES),
            Field("trend", "choice", text("trend", "趋势"), choices=TRENDS),
            Field("change", "number", text("change over the history", "历史变化")),
            Field("periods", "number", text("periods of history", "历史期数"), low=0),
            Field("team_median", "number", text("team median", "团队中位数")),
            Field("team_attainment", "number", text("team median attainment", "团队中位达成率")),
            Field("team_meeting_target", "number",
                  text("share of the team meeting the target", "团队达标比例"), low=0, high=1),
            Field("vs_team", "choice", text("position against the team", "与团队相比"),
                  choices=VS_TEAM),
            Field("drivers", "list:pattern", text("usual causes", "常见原因")),
        ), None, "gaps"),
        FactType("rating", text("rating", "评分"), _fields(
            _ID,
            Field("source", "choice", text("source", "评价来源"), choices=RATING_SOURCES),
            Field("dimension", "ref:dimension", text("dimension", "维度")),
            # one fact per (source, dimension): the mean of its ratings (reasoning/ratings.py)
            Field("score", "number", text("score (1-5)", "得分(1-5分)"), low=1, high=5),
            Field("count", "number", text("number of ratings", "评分条数"), low=1),
            Field("lowest", "number", text("lowest score", "最低分"), low=1, high=5),
            Field("highest", "number", text("highest score", "最高分"), low=1, high=5),
            Field("spread", "number", text("spread of the scores", "分差"), low=0, high=4),
            Field("raw_score", "number", text("score as given", "原始得分")),
            Field("scale", "number", text("scale", "量表满分"), low=2),
            Field("raters", "number", text("number of raters", "评价人数"), low=1),
        ), None, "gaps"),
        FactType("observation", text("observation", "观察发现"), _fields(
            _ID,
            Field("name", "ref:observation", text("observation", "观察项")),
            Field("value", "any", text("value", "取值"), may_be_unknown=True),
            Field("source", "choice", text("source", "来源"),
                  choices=("interview", "assessment", "records", "observation")),
            # the gap this copy of the finding counts for: the engine joins it (scope)
            Field("gap", "text", text("gap", "差距")),
            Field("about", "text", text("what it is about", "所涉对象")),
        ), None, "evidence"),
        FactType("concern", text("stated concern", "陈述的问题"), _fields(
            _ID,
            Field("kpi", "ref:kpi", text("KPI", "指标")),
            Field("area", "ref:area", text("area", "领域")),
            Field("severity", "choice", text("severity", "严重程度"), choices=SEVERITIES[1:]),
        ), None, "gaps"),
        FactType("gap", text("gap", "绩效差距"), _fields(
            _ID,
            Field("source", "text", text("source fact", "来源事实")),
            Field("kpi", "ref:kpi", text("KPI", "指标")),
            Field("area", "ref:area", text("area", "领域")),
            Field("measured", "bool", text("measured", "有量化数据")),
            Field("severity", "choice", text("severity", "严重程度"), choices=SEVERITIES),
            Field("attainment", "number", text("attainment", "达成率")),
            Field("shortfall", "number", text("shortfall", "差额")),
            Field("trend", "choice", text("trend", "趋势"), choices=TRENDS),
            Field("vs_team", "choice", text("position against the team", "与团队相比"),
                  choices=VS_TEAM),
            Field("team_attainment", "number", text("team median attainment", "团队中位达成率")),
            Field("team_meeting_target", "number",
                  text("share of the team meeting the target", "团队达标比例"), low=0, high=1),
            Field("drivers", "list:pattern", text("usual causes", "常见原因")),
            Field("certainty", "number", text("certainty", "确定度"), low=-1, high=1),
        ), "gaps", "evidence"),
        FactType("evidence", text("combined evidence", "综合证据"), _fields(
            _ID,
            Field("pattern", "ref:pattern", text("pattern", "差距模式")),
            Field("gap", "text", text("gap", "差距")),
            Field("certainty", "number", text("certainty", "确定度"), low=-1, high=1),
        ), "evidence", "causes"),
        FactType("cause", text("cause", "原因"), _fields(
            _ID,
            Field("pattern", "ref:pattern", text("pattern", "差距模式")),
            Field("gap", "text", text("gap", "差距")),
            Field("certainty", "number", text("certainty", "确定度"), low=-1, high=1),
        ), "causes", "recommend"),
        FactType("recommendation", text("recommendation", "建议"), _fields(
            _ID,
            Field("intervention", "ref:intervention", text("intervention", "干预措施")),
            Field("priority", "number", text("priority", "优先级"), low=1),
        ), "recommend", None),
        FactType("training", text("training need", "培训需求"), _fields(
            _ID,
            Field("competency", "ref:dimension", text("competency", "能力项")),
        ), "recommend", None),
    )
}

# Names a rule may never use: group attributes are for fairness statistics only.
GROUP_FIELDS = ("group", "groups", "gender", "sex", "age", "age_band", "ethnicity", "race",
                "religion", "nationality", "disability", "pregnancy", "marital_status")


def visible_types(stage: str) -> list[str]:
    """Fact types the rules of `stage` may match."""
    order = STAGES.index(stage)
    return [name for name, ft in FACT_TYPES.items()
            if ft.visible_from is not None and STAGES.index(ft.visible_from) <= order]


def stage_of_facts(fact_type: str) -> int:
    """Index of the stage a fact type belongs to, for the `not` rule (-1: from the case)."""
    produced = FACT_TYPES[fact_type].produced_by
    return -1 if produced is None else STAGES.index(produced)
