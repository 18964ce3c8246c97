"""Benchmark: many diagnoses in one process. Prints cases per second and RSS growth.

    make bench                      # 10,000 diagnoses over the example cases
    python bench/run.py --cases 2000 --no-cross-check

The goal (issue 2): 10,000 diagnoses with no error and RSS growth under 20 MB. Figures depend on
the machine; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import analyse  # noqa: E402
from engine.case import load_case  # noqa: E402
from engine.kb.load import load_kb  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="diagnoses to run")
    parser.add_argument("--no-cross-check", action="store_true",
                        help="skip the cross-check (on by default, as in perfdx itself)")
    args = parser.parse_args()

    kb = load_kb()
    cases = [load_case(str(p)) for p in sorted((ROOT / "examples" / "cases").glob("*.yaml"))]
    warmup = 200
    for i in range(warmup):  # compile the ruleset, fill caches
        analyse(cases[i % len(cases)], kb, cross_check=not args.no_cross_check)
    gc.collect()
    start_rss = rss_mb()
    start = time.perf_counter()
    checkpoints = []
    for i in range(args.cases):
        analyse(cases[i % len(cases)], kb, cross_check=not args.no_cross_check)
        if (i + 1) % max(1, args.cases // 5) == 0:
            checkpoints.append((i + 1, rss_mb()))
    elapsed = time.perf_counter() - start
    gc.collect()
    end_rss = rss_mb()
    print(f"diagnoses:          {args.cases:,} ({len(cases)} example cases in turn, "
          f"cross-check {'on' if not args.no_cross_check else 'off'})")
    print(f"time:               {elapsed:.1f} s")
    print(f"cases per second:   {args.cases / elapsed:,.0f}")
    print(f"mean per diagnosis: {elapsed / args.cases * 1000:.2f} ms")
    print(f"RSS after warm-up:  {start_rss:.1f} MB")
    print(f"RSS at the end:     {end_rss:.1f} MB")
    print(f"RSS growth:         {end_rss - start_rss:+.1f} MB (goal: under 20 MB)")
    print("RSS along the way:  " + ", ".join(f"{n:,}: {mb:.1f} MB" for n, mb in checkpoints))


if __name__ == "__main__":
    main()
