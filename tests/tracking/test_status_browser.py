"""`track status --format html` opened in a real browser (issue 13, reusing the department
report's browser test, tests/test_report_browser.py): no console errors, nothing fetched, one
non-empty SVG trend chart per measured goal. Skipped loudly without a browser."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA
from tests.test_report_browser import ARGS, ARTIFACTS, CHROMIUM, playwright

WEEK4 = yaml.safe_load((DATA / "tracking" / "checkins_week4.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_status_page_renders_in_chromium(track, plan_id: str, tmp_path: Path,
                                             lang: str) -> None:
    for args in WEEK4:
        assert track("checkin", plan_id, *args).exit_code == 0
    page_file = tmp_path / "status.html"
    assert track("status", plan_id, "--format", "html", "--lang", lang, "-o",
                 str(page_file)).exit_code == 0
    errors: list[str] = []
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            charts = page.eval_on_selector_all(
                "figure.chart", "els => els.map(f => { const s = f.querySelector('svg'); "
                "const r = s.getBoundingClientRect(); return [f.dataset.chart, r.width, "
                "r.height, s.querySelectorAll('path').length]; })")
            page.screenshot(path=str(ARTIFACTS / f"track-status-{lang}.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert all(u.startswith("file://") for u in requests), requests
    assert [c[0] for c in charts] == ["goal-1", "goal-2"]
    assert all(w > 200 and h > 100 and paths > 3 for _n, w, h, paths in charts), charts
