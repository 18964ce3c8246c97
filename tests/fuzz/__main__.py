"""`make fuzz`: the long fuzz run. Prints the count of each outcome per generator, saves every
failing input (internal error, hang, disagreement) with a repro.sh, exits 1 if there is one.

    python -m tests.fuzz [--cases N] [--kbs N] [--joins N] [--seed S] [--workers N] [--out DIR]

Defaults come from $FUZZ_CASES (10000), $FUZZ_KBS (1000), $FUZZ_JOINS (300), $FUZZ_SEED (10),
$FUZZ_WORKERS (all cores), $FUZZ_TIMEOUT (60 s per input), $FUZZ_OUT (fuzz-failures/).
"""

from __future__ import annotations

import argparse
import collections
import os
import shlex
import shutil
import sys
import time
from pathlib import Path

from .generators import GENERATORS, inputs
from .outcome import CLASSES, FAILURES
from .pool import Done, run_all


def _env(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def save(done: Done, out: Path) -> Path:
    """Write a failing input and a script that replays it, under out/<class>/<name>/."""
    inp, outcome = done.input, done.outcome
    folder = out / outcome.cls.replace(" ", "_") / inp.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, text in inp.case_files.items():
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    for rel, text in inp.kb_files.items():
        (folder / "kb_files" / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / "kb_files" / rel).write_text(text, encoding="utf-8", errors="surrogatepass")
    lines = ["#!/bin/bash", f"# {inp.name}: {inp.note}", f"# {outcome.cls}: {outcome.detail}",
             "# run from the project's root; PERFDX defaults to .venv/bin/perfdx",
             'HERE=$(cd "$(dirname "$0")" && pwd); : "${PERFDX:=.venv/bin/perfdx}"',
             "export PERFDX_CROSS_CHECK=1 PERFDX_DB=$(mktemp -d)/decisions.db"]
    kb = "$HERE/kb"
    if inp.kb_files:
        lines += ['rm -rf "$HERE/kb" && $PERFDX kb init "$HERE/kb" >/dev/null',
                  'mkdir -p "$HERE/kb/examples" && cp -r examples/cases "$HERE/kb/examples/"',
                  'cp -r "$HERE/kb_files/." "$HERE/kb/"']
    for step in inp.steps:
        argv = " ".join(shlex.quote(a).replace("'{kb}'", kb).replace("{kb}", kb)
                        .replace("{dir}", "$HERE") for a in step)
        lines.append(f'$PERFDX {argv}; echo "exit $?"')
    (folder / "repro.sh").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "repro.sh").chmod(0o755)
    return folder


def table(results: list[Done]) -> str:
    counts = collections.Counter((d.input.generator, d.outcome.cls) for d in results)
    width = max(len(c) for c in CLASSES)
    head = f"{'':<{width}}" + "".join(f"{g:>8}" for g in GENERATORS) + f"{'total':>8}"
    rows = [head]
    for cls in CLASSES + ("all",):
        cells = [sum(counts[(g, c)] for c in CLASSES) if cls == "all" else counts[(g, cls)]
                 for g in GENERATORS]
        rows.append(f"{cls:<{width}}" + "".join(f"{n:>8}" for n in cells) + f"{sum(cells):>8}")
    return "\n".join(rows)


def progress_line(done: int, total: int, failing: int, seconds: float) -> str:
    """How far a long run has got, with a rough time to go from the pace so far."""
    left = seconds / done * (total - done) if done else 0.0
    return (f"fuzz: {done} of {total} inputs ({done * 100 // total}%) in {seconds:.0f} s, "
            f"{failing} failing; about {left / 60:.0f} min to go")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=_env("FUZZ_CASES", 10000))
    parser.add_argument("--kbs", type=int, default=_env("FUZZ_KBS", 1000))
    parser.add_argument("--joins", type=int, default=_env("FUZZ_JOINS", 300))
    parser.add_argument("--join-cases", type=int, default=_env("FUZZ_JOIN_CASES", 6),
                        help="example cases diagnosed with each join-shaped rule set")
    parser.add_argument("--seed", type=int, default=_env("FUZZ_SEED", 10))
    parser.add_argument("--workers", type=int, default=_env("FUZZ_WORKERS", os.cpu_count() or 2))
    parser.add_argument("--timeout", type=float, default=_env("FUZZ_TIMEOUT", 60))
    parser.add_argument("--out", default=os.environ.get("FUZZ_OUT") or "fuzz-failures")
    args = parser.parse_args(argv)
    out = Path(args.out)
    counts = {"case": args.cases, "kb": args.kbs, "join": args.joins}
    total = sum(counts.values())
    print(f"fuzz: seed {args.seed}, {args.cases} case files, {args.kbs} KBs, {args.joins} "
          f"join rule sets, {args.workers} workers, {args.timeout:g} s per input", flush=True)
    started = time.monotonic()
    failed: list[Done] = []
    finished = 0
    step = max(1, total // 20)  # a line every 5%

    def progress(done: Done) -> None:
        nonlocal finished
        finished += 1
        if finished % step == 0 and finished < total:
            print(progress_line(finished, total, len(failed), time.monotonic() - started),
                  flush=True)
        if done.outcome.cls in FAILURES:
            failed.append(done)
            where = save(done, out)
            print(f"{done.outcome.cls}: {done.input.name} ({done.input.note[:80]}): "
                  f"{done.outcome.detail[:200]} -> {where}", flush=True)

    results = run_all(inputs(args.seed, counts, args.join_cases), workers=args.workers,
                      timeout=args.timeout, on_done=progress)
    seconds = time.monotonic() - started
    print(table(results))
    print(f"fuzz: {len(results)} of {total} inputs in {seconds:.0f} s; "
          f"{len(failed)} failing input(s)" + (f" saved under {out}/" if failed else ""))
    return 1 if failed or len(results) != total else 0


if __name__ == "__main__":
    sys.exit(main())
