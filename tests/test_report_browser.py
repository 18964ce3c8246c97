"""The department report opened in a real browser (issue 12): Debian's chromium, headless,
driven by Playwright. No console errors, every chart a non-empty SVG, a screenshot kept as a
test artifact (tests/artifacts/report.png). Without a browser the test is skipped, loudly; it
never installs one (.ci/run installs Debian's chromium on CI)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import ROOT

CHROMIUM = os.environ.get("PERFDX_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: "
                                 "pip install -e '.[test]'")
if not Path(CHROMIUM).exists():
    pytest.skip(f"SKIPPED LOUDLY: no Chromium at {CHROMIUM}; the report's browser test did not "
                "run (Debian/Ubuntu: apt-get install chromium; or set PERFDX_CHROMIUM)",
                allow_module_level=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_renders_in_chromium(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, [
        "batch", "run", str(ROOT / "examples" / "exports" / "department_2026q3.csv"),
        "--map", str(ROOT / "examples" / "exports" / "department_2026q3.map.yaml"),
        "--out", str(out), "--no-record", "--lang", lang], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    errors: list[str] = []
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1800})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto((out / "report.html").as_uri())
            charts = page.eval_on_selector_all(
                "figure.chart", "els => els.map(f => { const s = f.querySelector('svg'); "
                "const r = s ? s.getBoundingClientRect() : null; return [f.dataset.chart, "
                "r ? r.width : 0, r ? r.height : 0, s ? s.querySelectorAll('path,rect,text')"
                ".length : 0]; })")
            first = page.eval_on_selector("#employees tbody tr td", "td => td.textContent")
            page.screenshot(path=str(ARTIFACTS / f"report-{lang}.png"),
                            clip={"x": 0, "y": 0, "width": 1280, "height": 1800})
            page.click("#employees th:nth-child(5)")  # sort by cause: the script runs
            assert page.eval_on_selector("#employees th:nth-child(5)",
                                         "th => th.dataset.order") == "asc"
            page.goto((out / "people" / "E00011.html").as_uri())
            person = page.title()
        finally:
            browser.close()
    assert errors == []
    assert all(u.startswith("file://") for u in requests), requests  # nothing from a network
    assert [c[0] for c in charts] == ["heatmap", "causes"]
    assert all(w > 100 and h > 80 and marks > 10 for _n, w, h, marks in charts), charts
    assert first == "E00001"
    assert "E00011" in person
