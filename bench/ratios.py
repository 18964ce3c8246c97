"""Benchmark: the speed ratios of issue 15, each measured side by side in one run.

    make bench                      # runs this first
    python bench/ratios.py --pairs 9 --only cli,engine

Never a lone absolute time: each ratio compares two things measured in the same run, in
interleaved pairs (A, B, B, A, ...), and reports the median of each side. With the cross-check on
(the default of perfdx itself).

- cli:    `perfdx diagnose CASE --no-record --format json` / the bare-import floor
          `python -c "import click, pydantic, yaml, durable.engine"`      (aim <= 1.5)
          Both with byte-code allowed (PYTHONDONTWRITEBYTECODE dropped), as users run perfdx.
- engine: perfdx diagnosing the example cases in one process / the same facts replayed straight
          into durable_rules with perfdx's own compiled ruleset (bench/replay.py)   (aim <= 1.4)
- kb:     loading the default KB from the warm cache / loading it from its files  (aim <= 0.1)
- record: recording a decision as one of a batch / recording it alone          (aim <= 0.25)

Figures depend on the machine and its load; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.replay import Replay, capture  # noqa: E402
from engine.api import analyse  # noqa: E402
from engine.case import load_case  # noqa: E402
from engine.kb.load import load_kb  # noqa: E402

CASE = ROOT / "examples" / "cases" / "sales_rep_new_crm.yaml"
FLOOR = "import click, pydantic, yaml, durable.engine"


def paired(a: Callable[[], Any], b: Callable[[], Any], pairs: int) -> tuple[float, float]:
    """Medians of `pairs` timings of a and of b, taken in alternating order (ABBA...)."""
    ta: list[float] = []
    tb: list[float] = []
    for i in range(pairs):
        for which in ((a, ta), (b, tb)) if i % 2 == 0 else ((b, tb), (a, ta)):
            fn, sink = which
            start = time.perf_counter()
            fn()
            sink.append(time.perf_counter() - start)
    return statistics.median(ta), statistics.median(tb)


def show(name: str, a_label: str, a: float, b_label: str, b: float, aim: str) -> None:
    print(f"{name:<7} {a / b:6.2f}x  {a_label} {a * 1000:8.1f} ms / {b_label} {b * 1000:8.1f} ms"
          f"   ({aim})")


def cli_env(environ: dict[str, str]) -> dict[str, str]:
    """The environment of the cli ratio's subprocesses: byte-code allowed, as users have it.

    With PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), no .pyc is ever written
    and every run compiles perfdx from source: the ratio would measure the compiler.
    """
    return {k: v for k, v in environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cli_ratio(pairs: int, environ: dict[str, str]) -> None:
    env = cli_env(environ)
    if "PYTHONDONTWRITEBYTECODE" in environ:
        print("cli: PYTHONDONTWRITEBYTECODE dropped for these runs (byte-code allowed, as users "
              "have it)")
    diagnose = [sys.executable, "-m", "cli", "diagnose", str(CASE), "--no-record", "--format",
                "json"]
    floor = [sys.executable, "-c", FLOOR]

    def run(cmd: list[str]) -> Callable[[], None]:
        return lambda: subprocess.run(cmd, cwd=ROOT, env=env, check=True,
                                      stdout=subprocess.DEVNULL)

    run(diagnose)()  # byte-code written, the KB cache filled
    run(floor)()
    a, b = paired(run(diagnose), run(floor), pairs)
    show("cli", "diagnose", a, "import floor", b, "aim <= 1.5")


def engine_ratio(pairs: int) -> None:
    kb = load_kb()
    cases = [load_case(str(p)) for p in sorted((ROOT / "examples" / "cases").glob("*.yaml"))]
    captured = [capture(kb, c) for c in cases]
    replay = Replay(kb)
    for (batches, analysis) in captured:  # the replay fires exactly what perfdx fired
        before = replay.fired
        replay.run(batches)
        if replay.fired - before != len(analysis.result.fired):
            raise SystemExit(f"the replay fired {replay.fired - before} rules, perfdx "
                             f"{len(analysis.result.fired)}: not the same facts")

    def perfdx() -> None:
        for c in cases:
            analyse(c, kb, cross_check=True)

    def raw() -> None:
        for batches, _a in captured:
            replay.run(batches)

    a, b = paired(perfdx, raw, pairs)
    n = len(cases)
    show("engine", f"perfdx ({n} cases)", a, "raw replay", b,
         f"aim <= 1.4; cross-check on; {n / a:,.0f} vs {n / b:,.0f} cases/s")


def kb_ratio(pairs: int) -> None:
    def cold() -> None:
        try:
            load_kb(cache=False)  # type: ignore[call-arg]
        except TypeError:  # a perfdx without the cache
            load_kb()

    load_kb()  # the cache filled
    a, b = paired(load_kb, cold, pairs)
    show("kb", "warm (cache)", a, "cold (files)", b, "aim <= 0.1")


def record_ratio(pairs: int, decisions: int) -> None:
    from engine.audit.keys import keygen
    from engine.audit.record import record_batch, record_decision

    kb = load_kb()
    paths = sorted((ROOT / "examples" / "cases").glob("*.yaml"))[:decisions]
    done = []
    for p in paths:
        loaded = load_case(str(p))
        done.append((loaded, analyse(loaded, kb).diagnosis.to_json()))
    tmp = Path(tempfile.mkdtemp(prefix="perfdx-bench-record-"))
    key = tmp / "audit.key"
    keygen(key, "bench")
    witness = tmp / "witness"
    count = [0]

    def fresh_db() -> str:
        count[0] += 1
        return str(tmp / f"log{count[0]}.db")

    def alone() -> None:
        db = fresh_db()
        for loaded, result in done:
            record_decision("diagnose", loaded, kb, result, db=db, key=key, witness_file=witness)

    def batch() -> None:
        items = [(loaded.case.model_dump(mode="json"), result) for loaded, result in done]
        record_batch("diagnose", items, kb, db=fresh_db(), key=key, witness_file=witness)

    a, b = paired(batch, alone, pairs)
    n = len(done)
    show("record", f"in a batch (per decision, {n})", a / n, "alone", b / n, "aim <= 0.25")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=11, help="interleaved pairs per ratio")
    parser.add_argument("--only", default="cli,engine,kb,record",
                        help="which ratios, comma-separated (cli, engine, kb, record)")
    parser.add_argument("--decisions", type=int, default=20, help="decisions per recording run")
    args = parser.parse_args()
    only = args.only.split(",")
    with tempfile.TemporaryDirectory(prefix="perfdx-bench-cache-") as cache:
        os.environ["PERFDX_CACHE_DIR"] = cache  # a cache of this run's own, never the user's
        os.environ.pop("PERFDX_NO_CACHE", None)
        print(f"ratios, medians of {args.pairs} interleaved pairs (Python "
              f"{sys.version.split()[0]}, {os.cpu_count()} cores)")
        if "cli" in only:
            cli_ratio(args.pairs, dict(os.environ))
        if "engine" in only:
            engine_ratio(args.pairs)
        if "kb" in only:
            kb_ratio(args.pairs)
        if "record" in only:
            record_ratio(args.pairs, args.decisions)


if __name__ == "__main__":
    main()
