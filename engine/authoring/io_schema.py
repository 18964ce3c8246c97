"""JSON Schemas of perfdx's input (a case) and output (a diagnosis)."""

from __future__ import annotations

from typing import Any

from ..case import Case
from ..explain.diagnosis import Diagnosis

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _with_header(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    return {"$schema": SCHEMA_DIALECT, "title": title, "description": description, **{
        k: v for k, v in schema.items() if k not in ("title", "description")}}


def case_schema() -> dict[str, Any]:
    return _with_header(
        Case.model_json_schema(), "perfdx case",
        "What was measured and observed about one person: KPI results with history, "
        "360-degree ratings, interview and assessment observations, and concerns stated "
        "without numbers. KPI, observation, rating dimension and area names must exist in the "
        "knowledge base (`perfdx kb show`). `employee.group` is kept for fairness statistics "
        "only; rules never see it.")


def diagnosis_schema() -> dict[str, Any]:
    return _with_header(
        Diagnosis.model_json_schema(mode="serialization"), "perfdx diagnosis",
        "The output of `perfdx diagnose --format json`: gaps, causes ranked by certainty, "
        "recommendations, training, missing evidence and the full reasoning trace. It is a "
        "draft for the named human reviewer, never a decision.")
