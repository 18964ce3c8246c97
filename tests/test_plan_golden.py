"""Golden plans: the Markdown of three example cases (and the Chinese of one), compared byte for
byte. The plain `perfdx plan` is the employee's copy (issue 16: the manager's interview outline
is left out, with a note); `.manager.` files are `--audience manager`, the whole plan. The KB's
hash and wording are part of the text, so a change to the knowledge base changes them: read the
diff, then regenerate with

    PERFDX_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_plan_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

GOLDEN = Path(__file__).resolve().parent / "golden" / "plan"
UPDATE = os.environ.get("PERFDX_UPDATE_GOLDEN") == "1"
PLANS = [
    ("sales_rep_new_crm", "en", ()),
    ("sales_rep_new_crm", "en", ("--audience", "manager")),
    ("finance_analyst_approvals", "en", ()),
    ("support_agent_concern_only", "en", ()),
    ("support_agent_concern_only", "zh", ()),
    ("support_agent_concern_only", "zh", ("--audience", "manager")),
    ("sales_rep_new_crm", "zh", ("--interview",)),
]


def _name(case: str, lang: str, extra: tuple[str, ...]) -> str:
    kind = {(): "", ("--interview",): ".interview", ("--audience", "manager"): ".manager"}[extra]
    return f"{case}{kind}.{lang}.md"


@pytest.mark.parametrize(("case", "lang", "extra"), PLANS,
                         ids=[_name(*p) for p in PLANS])
def test_golden_markdown(case: str, lang: str, extra: tuple[str, ...], run) -> None:
    result = run("plan", str(EXAMPLES / f"{case}.yaml"), "--lang", lang, *extra)
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / _name(case, lang, extra)
    if UPDATE:
        path.write_text(result.stdout, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with PERFDX_UPDATE_GOLDEN=1"
    assert result.stdout == path.read_text(encoding="utf-8")
