"""Benchmark: department runs (issue 12). Prints, for a generated 2,000-employee export, batch
throughput on 1 worker and on every core and their ratio; and the peak memory (parent and its
children together) of reading and grouping a 10,000-row and a 100,000-row long export.

    make bench                      # runs this after bench/run.py
    python bench/batch.py --employees 500

Aims (issue 12): the ratio at least 1.7 on 2 cores; the two peaks within 10% of each other.
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.case.tabular import Population, load_mapping  # noqa: E402
from engine.kb.load import load_kb  # noqa: E402
from engine.team.pool import BatchPool, Job, default_workers  # noqa: E402
from examples.exports.generate import write_long, write_plain  # noqa: E402

MAP = ROOT / "examples" / "exports" / "department_2026q3.map.yaml"
LONG_MAP = """mapping_version: 1
layout: long
employee: {id: Employee ID, role: Job title, department: Team, manager: Manager,
           tenure_months: Tenure (months)}
case: {as_of: {value: 2026-10-31}}
long: {kpi: KPI, period: Period, target: Target, actual: Actual,
       kpi_values: {Sales growth: sales_growth}}
group: [{column: Gender, attribute: gender}]
"""


def throughput(kb, jobs: list[Job], workers: int) -> float:
    start = time.perf_counter()
    done = sum(1 for o in BatchPool(kb, workers=workers).run(jobs) if o.diagnosis_json)
    elapsed = time.perf_counter() - start
    assert done == len(jobs), f"{len(jobs) - done} failed"
    return len(jobs) / elapsed


def read_and_group(export: str, mapping: str) -> None:
    """In a child process of its own, so its peak memory is measured alone."""
    kb = load_kb()
    lm = load_mapping(mapping)
    with Population([export], lm.mapping, kb) as pop:
        pop.scan()
        pop.assemble()
        n = sum(1 for _c in pop.cases())
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{n} {peak_kb}")


def peak_of(export: str, mapping: str) -> tuple[int, float]:
    """Peak RSS of the reading process (it starts no workers: reading is one process)."""
    out = subprocess.run([sys.executable, __file__, "--read-only", export, mapping],
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--read-only", nargs=2, metavar=("EXPORT", "MAP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read_only:
        read_and_group(*args.read_only)
        return
    kb = load_kb()
    cores = default_workers()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.csv"
        write_plain(export, args.employees)
        lm = load_mapping(str(MAP))
        with Population([str(export)], lm.mapping, kb) as pop:
            pop.scan()
            pop.assemble()
            jobs = [Job(i, c.employee, c.source, c.data) for i, c in enumerate(pop.cases())]
        os.environ["PERFDX_CROSS_CHECK"] = "0"
        one = throughput(kb, jobs, 1)
        many = throughput(kb, jobs, cores)
        print(f"batch of {len(jobs):,} employees (pool start, KB load and compile included)")
        print(f"  1 worker:          {one:,.1f} employees/s")
        print(f"  {cores} workers:         {many:,.1f} employees/s")
        print(f"  ratio:             {many / one:.2f}x (aim: at least 1.7x on 2 cores)")
        long_map = Path(tmp) / "long.map.yaml"
        long_map.write_text(LONG_MAP, encoding="utf-8")
        peaks = []
        for rows in (10_000, 100_000):
            path = Path(tmp) / f"long{rows}.csv"
            write_long(path, rows)
            n, peak = peak_of(str(path), str(long_map))
            peaks.append(peak)
            print(f"read and group {rows:,} rows ({n:,} employees): peak RSS {peak:.1f} MB "
                  "(one process; reading starts no workers)")
        print(f"  peak 100k / 10k:   {peaks[1] / peaks[0]:.2f} (aim: within 10%, i.e. <= 1.10)")


if __name__ == "__main__":
    main()
