"""Bilingual text: the `Text` value used in the knowledge base, and the words perfdx itself prints."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


class Text(BaseModel):
    """A label or sentence in English and Chinese. A missing language falls back to the other."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    en: str | None = None
    zh: str | None = None

    def get(self, lang: Lang) -> str:
        value = self.en if lang == "en" else self.zh
        return value or self.en or self.zh or ""

    def missing(self) -> list[str]:
        return [lang for lang in LANGS if not getattr(self, lang)]


def text(en: str, zh: str) -> Text:
    return Text(en=en, zh=zh)


# The words perfdx prints around the knowledge base's own text. Keys are stable identifiers.
_UI: dict[str, tuple[str, str]] = {
    "diagnosis": ("Diagnosis", "诊断"),
    "case": ("case", "案例"),
    "as_of": ("as of", "截至"),
    "period": ("period", "考核期"),
    "kb": ("knowledge base", "知识库"),
    "employee": ("Employee", "员工"),
    "months": ("months", "个月"),
    "tenure_unknown": ("time in post unknown", "任职时长未知"),
    "gaps": ("Gaps", "绩效差距"),
    "no_gaps": ("No performance gap found.", "未发现绩效差距。"),
    "kpi": ("KPI", "指标"),
    "area": ("Area", "领域"),
    "target": ("Target", "目标"),
    "actual": ("Actual", "实际"),
    "attainment": ("Attainment", "达成率"),
    "severity": ("Severity", "严重程度"),
    "trend": ("Trend", "趋势"),
    "team": ("Against the team", "与团队相比"),
    # "worse (median 2.1)": the employee's result against the team's median
    "team_cell": ("{side} (median {median})", "{side}（中位数 {median}）"),
    "stated": ("stated by the specialist", "专员陈述"),
    "causes": ("Likely causes, ranked by certainty", "可能原因（按确定度排序）"),
    "no_causes": ("No cause reaches the reporting threshold of {threshold}.",
                  "没有原因达到报告阈值 {threshold}。"),
    "cause": ("Cause", "原因"),
    "nothing_found": ("No rule found evidence for any cause of the gaps in this case.",
                      "没有规则为本案例任何差距的任何原因找到证据。"),
    "by_gap": ("Causes by gap", "各项差距的原因"),
    "silent_gap": ("no rule found evidence for any cause of this gap",
                   "没有规则为该差距的任何原因找到证据"),
    "ask_first": ("ask first", "请先询问"),
    "primary": ("primary cause", "主要原因"),
    "no_primary": ("no cause reaches the reporting threshold", "没有原因达到报告阈值"),
    "contributing": ("contributing", "次要原因"),
    "not_supported": ("considered, not supported", "已考虑但证据不足"),
    "unused": ("Recorded but not used", "已记录但未采用"),
    "suppressed": ("Withheld: the intervention does not fit here", "已撤下：该干预措施在此不适用"),
    "certainty": ("certainty", "确定度"),
    "for_gap": ("for", "针对"),
    "rules": ("rules", "规则"),
    "recommendations": ("Recommended interventions", "建议的干预措施"),
    "no_recommendations": ("No intervention is recommended.", "无建议的干预措施。"),
    "priority": ("priority", "优先级"),
    "owner": ("owner", "负责人"),
    "days": ("days", "天"),
    "cost": ("cost", "成本"),
    "training": ("Training", "培训"),
    "hours": ("hours", "小时"),
    "missing_evidence": ("Missing evidence (ask in the interview)", "缺失的证据（请在面谈中询问）"),
    "no_missing": ("No missing evidence for the rules that apply.", "适用规则所需的证据均已具备。"),
    "asked_by": ("wanted by", "所需规则"),
    "more_missing": ("... and {n} more questions, less likely to change the diagnosis "
                     "(all of them with --explain or --format json)",
                     "……另有 {n} 个问题,改变诊断的可能性较小(使用 --explain 或 --format json "
                     "可查看全部)"),
    "review": ("Review", "审核"),
    "draft_notice": (
        "DRAFT for human review: decision support, not a decision. {reviewer} must review it "
        "before anything is done; the employee may see this explanation and contest it.",
        "草稿，须经人工审核：本结果仅为决策支持，而非决定。须由 {reviewer} 审核后方可采取任何行动；"
        "员工有权查看本说明并提出异议。"),
    "no_reviewer": ("A named reviewer (the case names none)", "指定的审核人（案例中未指定）"),
    "reasoning": ("Reasoning trace", "推理轨迹"),
    "how": ("How perfdx concluded", "推理依据"),
    "why_not": ("Why perfdx did not conclude", "未得出该结论的原因"),
    "direction_higher": ("higher is better", "越高越好"),
    "direction_lower": ("lower is better", "越低越好"),
    "none": ("none", "无"),
    "minor": ("minor", "轻微"),
    "moderate": ("moderate", "中等"),
    "severe": ("severe", "严重"),
    # Trend and position against the team are about better and worse, whatever the KPI's
    # direction: an error rate that rose is worsening, never "declining" (issue 16).
    "declining": ("worsening", "持续变差"),
    "sudden_drop": ("suddenly worse", "骤然变差"),
    "improving": ("improving", "持续改善"),
    "stable": ("stable", "平稳"),
    "fluctuating": ("fluctuating", "波动"),
    "unknown": ("unknown", "未知"),
    "below": ("worse", "较差"),
    "level": ("level", "持平"),
    "above": ("better", "较好"),
    "low": ("low", "低"),
    "medium": ("medium", "中"),
    "high": ("high", "高"),
    "classroom": ("classroom", "课堂面授"),
    "online": ("online", "线上"),
    "workshop": ("workshop", "工作坊"),
    "blended": ("blended", "混合式"),
    "coaching": ("coaching", "辅导"),
    "on_the_job": ("on the job", "在岗实践"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    # rating sources, as why-not wording names them
    "supervisor": ("supervisor", "上级"),
    "peer": ("peer", "同事"),
    "subordinate": ("subordinate", "下属"),
    "customer": ("customer", "客户"),
    "self": ("self", "自评"),
}


def pick(table: dict[str, tuple[str, str]], key: str, lang: Lang, **values: object) -> str:
    """A phrase from an (en, zh) table in `lang`, with its {placeholders} filled."""
    en, zh = table[key]
    phrase = en if lang == "en" else zh
    return phrase.format(**values) if values else phrase


def ui(key: str, lang: Lang, **values: object) -> str:
    """One of perfdx's own phrases in the requested language."""
    return pick(_UI, key, lang, **values)


def has_ui(key: str) -> bool:
    return key in _UI
