"""A lower-is-better KPI reads the right way round (issue 16, point 6).

The trend and the position against the team are about better and worse, whatever the KPI's
direction: an error rate that rose is worsening, not "declining"; a team median of 2.1% next to
an error rate of 3.6% is a team doing better, not one "below". Every format, en and zh.
"""

from __future__ import annotations

import json

from .conftest import DATA, EXAMPLES

CASE = str(DATA / "cases/lower_is_better.yaml")
BILLING = str(EXAMPLES / "cs_billing_agent_drifted.yaml")


def _gaps_table(out: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(next(line for line in lines if line in ("Gaps", "绩效差距")))
    end = lines.index("", start)
    return lines[start + 1:end]


def test_text_en(run) -> None:
    out = run("diagnose", CASE, "--no-record").stdout
    assert _gaps_table(out) == [
        "  KPI / Area                   Target  Actual  Attainment  Severity  Trend           "
        "Against the team",
        "  Error rate (%)                    2     3.6         56%  moderate  worsening       "
        "worse (median 2.1)",
        "  Average handling time (min)       6     7.5         80%  moderate  improving       "
        "better (median 8.5)",
        "  Month-end close time (days)       5       8         62%  moderate  suddenly worse  "
        "level (median 8)",
    ]


def test_text_zh(run) -> None:
    out = run("diagnose", CASE, "--no-record", "--lang", "zh").stdout
    assert _gaps_table(out) == [
        "  指标 / 领域          目标  实际  达成率  严重程度  趋势      与团队相比",
        "  差错率 (%)              2   3.6     56%  中等      持续变差  较差（中位数 2.1）",
        "  平均处理时长 (分钟)     6   7.5     80%  中等      持续改善  较好（中位数 8.5）",
        "  月结周期 (天)           5     8     62%  中等      骤然变差  持平（中位数 8）",
    ]


def test_markdown_en_and_zh(run) -> None:
    out = run("diagnose", CASE, "--no-record", "--format", "markdown").stdout
    assert ("| KPI / Area | Target | Actual | Attainment | Severity | Trend | Against the team |\n"
            "|---|---|---|---|---|---|---|\n"
            "| Error rate (%) | 2 | 3.6 | 56% | moderate | worsening | worse (median 2.1) |\n"
            "| Average handling time (min) | 6 | 7.5 | 80% | moderate | improving | "
            "better (median 8.5) |\n"
            "| Month-end close time (days) | 5 | 8 | 62% | moderate | suddenly worse | "
            "level (median 8) |\n") in out
    out = run("diagnose", CASE, "--no-record", "--format", "markdown", "--lang", "zh").stdout
    assert "| 差错率 (%) | 2 | 3.6 | 56% | 中等 | 持续变差 | 较差（中位数 2.1） |\n" in out


def test_html_en_and_zh(run) -> None:
    out = run("diagnose", CASE, "--no-record", "--format", "html").stdout
    assert ('<tr><td>Error rate (%)</td><td class="num">2</td><td class="num">3.6</td>'
            '<td class="num">56%</td><td>moderate</td><td>worsening</td>'
            '<td>worse (median 2.1)</td></tr>') in out
    assert "declining" not in out and "(below)" not in out
    out = run("diagnose", CASE, "--no-record", "--format", "html", "--lang", "zh").stdout
    assert '<td>中等</td><td>骤然变差</td><td>持平（中位数 8）</td></tr>' in out


def test_json_keeps_the_identifiers(run) -> None:
    """JSON is for programs: the values stay the fact vocabulary's, documented in the schema."""
    data = json.loads(run("diagnose", CASE, "--no-record", "--format", "json").stdout)
    assert [(g["trend"], g["vs_team"]) for g in data["gaps"]] == [
        ("declining", "below"), ("improving", "above"), ("sudden_drop", "level")]
    schema = json.loads(run("schema", "diagnosis").stdout)
    gap = schema["$defs"]["GapOut"]["properties"]
    assert "worse" in gap["trend"]["description"]
    assert "whatever the KPI's direction" in gap["vs_team"]["description"]


def test_the_trace_says_worsening(run) -> None:
    out = run("diagnose", CASE, "--no-record", "--explain").stdout
    assert ("measure metric-1: attainment 0.5556, severity moderate, trend worsening "
            "(knowledge_base/kpis.yaml:87)") in out
    assert "trend suddenly worse (knowledge_base/kpis.yaml:144)" in out
    out = run("diagnose", CASE, "--no-record", "--explain", "--lang", "zh").stdout
    assert "趋势 持续变差 (knowledge_base/kpis.yaml:87)" in out


def test_plan_says_which_side_of_the_team(run) -> None:
    out = run("plan", BILLING, "--no-record").stdout
    assert ("- Error rate: 3.6% in 2026-09 against a target of 2% (56% of target, 1.6 points "
            "above target); earlier 1.8% (2026-06), 2.2% (2026-07), 2.9% (2026-08); worse than "
            "the team (median 2.1%). Severity: moderate.\n") in out
    out = run("plan", BILLING, "--no-record", "--lang", "zh").stdout
    assert ("- 差错率：2026-09 为 3.6%，目标 2%（达成率 56%，高于目标 1.6 个百分点）；此前 2026-06 "
            "为 1.8%、2026-07 为 2.2%、2026-08 为 2.9%；差于团队（中位数 2.1%）。严重程度：中等。\n"
            ) in out
