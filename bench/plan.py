"""Benchmark: plans drafted from analysed example cases. Prints plans per second per language.

    .venv/bin/python bench/plan.py                 # 2,000 plans per language
    .venv/bin/python bench/plan.py --plans 500

Drafting a plan (goals, schedule, interview, wording check, and the Markdown and HTML renderings)
comes on top of the diagnosis that `bench/run.py` measures. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cli.plan.render_html import render_plan_html  # noqa: E402
from cli.plan.render_markdown import render_plan  # noqa: E402
from engine.api import analyse  # noqa: E402
from engine.case import load_case  # noqa: E402
from engine.kb.load import load_kb  # noqa: E402
from engine.plan import build_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=2_000, help="plans per language")
    args = parser.parse_args()
    kb = load_kb()
    paths = sorted((ROOT / "examples" / "cases").glob("*.yaml"))
    analyses = [analyse(load_case(str(p)), kb) for p in paths]
    print(f"example cases:      {len(analyses)} (analysed once; plans only below)")
    for lang in ("en", "zh"):
        start = time.perf_counter()
        size = 0
        for i in range(args.plans):
            plan = build_plan(analyses[i % len(analyses)], lang=lang)  # type: ignore[arg-type]
            size += len(render_plan(plan)) + len(render_plan_html(plan))
        elapsed = time.perf_counter() - start
        print(f"{lang}: {args.plans:,} plans in {elapsed:.2f} s = {args.plans / elapsed:,.0f} "
              f"plans/s, {elapsed / args.plans * 1000:.2f} ms each (with Markdown and HTML, "
              f"{size / args.plans / 1024:.0f} KiB of text per plan)")


if __name__ == "__main__":
    main()
