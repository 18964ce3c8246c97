"""Benchmark (issue 14): what signed checkpoints cost, and how verify grows with the log.

    python bench/audit_checkpoint.py                 # 300 decisions each way; 1,000 and 10,000
    python bench/audit_checkpoint.py --decisions 100 --small 500 --large 5000

1. Recording cost per decision with a checkpoint signed after every record (the default)
   relative to recording without (record_decision(..., checkpoint=False)), each in a fresh log.
2. `verify` of a log of 10,000 records relative to one of 1,000 (aim: linear, i.e. about 10x),
   each record followed by its checkpoint, as recording leaves it.

Everything is written under a temporary folder (log, signing key, witness file): never the
user's own. Figures depend on the machine and its disk; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import analyse  # noqa: E402
from engine.audit.checkpoint import checkpoint_locked  # noqa: E402
from engine.audit.keys import keygen, load_verifier  # noqa: E402
from engine.audit.record import decision_content, record_decision  # noqa: E402
from engine.audit.store import AuditLog  # noqa: E402
from engine.audit.verify import verify  # noqa: E402
from engine.case import load_case  # noqa: E402
from engine.kb.load import load_kb  # noqa: E402


def recording(folder: Path, count: int, signed: bool) -> float:
    """Seconds per decision recorded (diagnosis not counted)."""
    kb = load_kb()
    cases = [load_case(str(p)) for p in sorted((ROOT / "examples" / "cases").glob("*.yaml"))]
    results = [analyse(c, kb).diagnosis.to_json() for c in cases]
    db, key = folder / "rec.db", folder / "audit.key"
    record_decision("diagnose", cases[0], kb, results[0], db=db, key=key, checkpoint=signed,
                    reuse=False)  # warm-up: creates the log and the key
    started = time.perf_counter()
    for i in range(count):
        record_decision("diagnose", cases[i % len(cases)], kb, results[i % len(cases)], db=db,
                        key=key, checkpoint=signed, reuse=False, operator=f"bench-{i % 7}")
    return (time.perf_counter() - started) / count


def filled_log(folder: Path, records: int) -> tuple[Path, Path]:
    """A log of `records` decisions, each followed by its signed checkpoint."""
    kb = load_kb()
    cases = [load_case(str(p)) for p in sorted((ROOT / "examples" / "cases").glob("*.yaml"))]
    contents = [decision_content(c, analyse(c, kb).diagnosis.to_json()) for c in cases]
    db, key = folder / f"log{records}.db", folder / f"audit{records}.key"
    signer = keygen(key, "bench")
    with AuditLog.open(db, create=True) as log:
        for start in range(0, records, 500):
            with log.write():
                for i in range(start, min(records, start + 500)):
                    log.append_locked("diagnose", contents[i % len(contents)],
                                      operator=f"bench-{i % 7}", kb=kb)
                    checkpoint_locked(log, signer)
    return db, key


def verifying(db: Path, key: Path) -> float:
    verifier = load_verifier(key)
    with AuditLog.open(db) as log:
        started = time.perf_counter()
        report = verify(log, verifier=verifier)
        elapsed = time.perf_counter() - started
    assert report.ok, [f.code for f in report.findings]
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=300, help="decisions recorded each way")
    parser.add_argument("--small", type=int, default=1_000, help="records in the small log")
    parser.add_argument("--large", type=int, default=10_000, help="records in the large log")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="perfdx-bench-") as tmp:
        os.environ["PERFDX_AUDIT_KEY"] = str(Path(tmp) / "never-used.key")
        folders = [Path(tmp) / name for name in ("off", "on", "verify")]
        for f in folders:
            f.mkdir()
        off = recording(folders[0], args.decisions, signed=False)
        on = recording(folders[1], args.decisions, signed=True)
        small = verifying(*filled_log(folders[2], args.small))
        large = verifying(*filled_log(folders[2], args.large))
    print("audit trail (issue 14)                     measured                     ratio")
    print(f"recording per decision, checkpoints on/off  {on * 1000:6.2f} ms vs "
          f"{off * 1000:6.2f} ms      {on / off:5.2f}x")
    print(f"verify, {args.large:,} vs {args.small:,} records"
          f"{' ' * max(1, 14 - len(f'{args.large:,}{args.small:,}'))}"
          f"{large:6.2f} s vs {small:6.2f} s        {large / small:5.2f}x "
          f"(linear: {args.large / args.small:g}x)")


if __name__ == "__main__":
    main()
