"""Measurement before reasoning: attainment, shortfall, severity, trend, team position."""

from __future__ import annotations

import pytest
import yaml

from engine.case import HistoryPoint, Metric
from engine.i18n import text
from engine.kb.load import load_kb
from engine.kb.models import Bands, Kpi, SeverityBands
from engine.reasoning.enrich import UngradableMetric, enrich_metric, severity
from tests.conftest import DATA

ROWS = yaml.safe_load((DATA / "enrichment.yaml").read_text(encoding="utf-8"))["rows"]


@pytest.mark.parametrize("row", ROWS, ids=[r["note"] for r in ROWS])
def test_enrichment(row, kb) -> None:
    m = dict(row["metric"])
    history = [HistoryPoint(period=f"P{i}", actual=v) for i, v in enumerate(m.pop("history", []))]
    metric = Metric(history=history, **m)
    fields = enrich_metric(metric, kb.kpis[metric.kpi], kb.settings, "2026-Q3").fields
    for key, expected in row["expect"].items():
        if expected == "ABSENT":
            assert key not in fields
        else:
            assert fields[key] == expected, key


def test_a_target_of_zero_without_shortfall_bands_cannot_be_graded() -> None:
    kpi = Kpi(id="k", name=text("K", "K"), unit="%", direction="lower_is_better",
              measured_in=text("QA log", "质检记录"),
              category=["skill_shortfall"],
              bands=SeverityBands(attainment=Bands(minor=1, moderate=0.8, severe=0.5)))
    with pytest.raises(UngradableMetric):
        severity(kpi, None, 3.0)


def test_zero_target_without_shortfall_bands_is_a_clear_case_error(run, kb_copy, tmp_path) -> None:
    (kb_copy / "knowledge_base/kpis.yaml").write_text(
        (kb_copy / "knowledge_base/kpis.yaml").read_text().replace(
            "      attainment: {minor: 1.0, moderate: 0.5, severe: 0.25}\n"
            "      shortfall: {minor: 0, moderate: 2, severe: 5}\n",
            "      attainment: {minor: 1.0, moderate: 0.5, severe: 0.25}\n"))
    case = tmp_path / "case.yaml"
    case.write_text("case_id: C-1\nas_of: 2026-10-31\nperiod: Q3\n"
                    "employee: {id: E1, role: Dev, department: Eng, tenure_months: 12}\n"
                    "metrics:\n  - {kpi: escaped_defects, target: 0, actual: 3}\n")
    result = run("diagnose", str(case), "--kb", str(kb_copy))
    where = load_kb(kb_copy).location("kpis", "escaped_defects")
    assert result.exit_code == 1
    assert result.stderr == (
        f"perfdx: error: {case}:6: metrics[0].target: KPI 'escaped_defects' has a target of "
        f"0, which its catalog entry ({where}) can only grade with "
        "`shortfall` bands (ask the knowledge-base owner to add shortfall bands to this KPI)\n")
