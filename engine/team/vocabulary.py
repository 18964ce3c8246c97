"""The facts team rules reason over: a team's aggregates, measured in Python (never a person's
group attributes). One inference session per team holds that team's facts only, so every
conclusion is about the team of its session."""

from __future__ import annotations

from ..i18n import text
from ..kb.vocabulary import FactType, Field

TEAM_FACT_TYPES: dict[str, FactType] = {ft.name: ft for ft in (
    FactType("team", text("team", "团队"), {f.name: f for f in (
        Field("id", "text", text("id", "编号")),
        Field("name", "text", text("team", "团队")),
        Field("members", "number", text("members diagnosed", "已诊断人数"), low=0),
        Field("managers", "number", text("managers", "经理人数"), low=0),
        Field("plan_share", "number", text("share advised an improvement plan",
                                           "建议改进计划的比例"), low=0.0, high=1.0),
    )}, None, "team"),
    FactType("team_kpi", text("team KPI", "团队指标"), {f.name: f for f in (
        Field("id", "text", text("id", "编号")),
        Field("kpi", "ref:kpi", text("KPI", "指标")),
        Field("measured", "number", text("members measured on it", "有该指标的人数"), low=0),
        Field("gaps", "number", text("members with a moderate or severe gap",
                                     "存在中度或严重差距的人数"), low=0),
        Field("gap_share", "number", text("share of the team with a gap", "团队中存在差距的比例"),
              low=0.0, high=1.0),
        Field("others_gap_share", "number", text("share with a gap in the other teams",
                                                 "其他团队中存在差距的比例"), low=0.0, high=1.0),
        Field("teams_with_gap", "number", text("teams where most members have the gap",
                                               "多数成员存在该差距的团队数"), low=0),
        Field("median_attainment", "number", text("median attainment", "达成率中位数")),
    )}, None, "team"),
    FactType("team_cause", text("cause in the team", "团队中的原因"), {f.name: f for f in (
        Field("id", "text", text("id", "编号")),
        Field("pattern", "ref:pattern", text("pattern", "差距模式")),
        Field("members", "number", text("members with this cause", "有此原因的人数"), low=0),
        Field("share", "number", text("share of the team with this cause",
                                      "团队中有此原因的比例"), low=0.0, high=1.0),
        Field("others_share", "number", text("share with this cause in the other teams",
                                             "其他团队中有此原因的比例"), low=0.0, high=1.0),
    )}, None, "team"),
    FactType("manager", text("manager", "经理"), {f.name: f for f in (
        Field("id", "text", text("id", "编号")),
        Field("name", "text", text("manager", "经理")),
        Field("span", "number", text("direct reports", "直接下属人数"), low=0),
    )}, None, "team"),
    FactType("team_finding", text("team finding", "团队结论"), {f.name: f for f in (
        Field("id", "text", text("id", "编号")),
        Field("pattern", "ref:pattern", text("pattern", "差距模式")),
        Field("certainty", "number", text("certainty", "确定度"), low=-1, high=1),
    )}, "team", None),
)}
TEAM_VISIBLE: tuple[str, ...] = ("team", "team_kpi", "team_cause", "manager")
