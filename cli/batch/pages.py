"""Run in the batch workers after each diagnosis: the person's page, rendered where the analysis
is (importable by name, as the process pool needs)."""

from __future__ import annotations

from typing import Any

from engine.explain.analysis import Analysis
from engine.i18n import Lang

from ..diagnose.render_html import render_html


def person_page(analysis: Analysis, lang: str) -> dict[str, Any]:
    language: Lang = "zh" if lang == "zh" else "en"
    return {"html": render_html(analysis, language, back="../report.html")}
