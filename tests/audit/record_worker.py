"""A process that records decisions, for the concurrency and crash tests.

    python -m tests.audit.record_worker DB COUNT          record COUNT decisions, print each id
    python -m tests.audit.record_worker DB forever        the same until killed
    python -m tests.audit.record_worker DB hang           record one, then hang inside a write
"""

from __future__ import annotations

import itertools
import os
import sys
import time

from engine.api import analyse
from engine.audit.record import record_decision
from engine.audit.store import AuditLog
from engine.case import load_case
from engine.kb.load import load_kb
from tests.conftest import EXAMPLES


def main(db: str, mode: str) -> None:
    kb = load_kb()
    cases = [load_case(str(p)) for p in sorted(EXAMPLES.glob("*.yaml"))]
    who = f"worker-{os.getpid()}"
    count = None if mode in ("forever", "hang") else int(mode)
    for i in itertools.count() if count is None else range(count):
        loaded = cases[i % len(cases)]
        result = analyse(loaded, kb).diagnosis.to_json()
        print(record_decision("diagnose", loaded, kb, result, db=db, operator=who,
                                    reuse=False).id, flush=True)
        if mode == "hang":
            break
    if mode == "hang":
        log = AuditLog.open(db)
        with log.write():
            log.append_locked("diagnose", {"case": "half-written"}, operator=who, kb=kb)
            print("writing", flush=True)
            time.sleep(600)  # killed here, between the insert and the commit


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
