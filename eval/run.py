"""`make eval`: run the literature evaluation set against a knowledge base and print the figures.

    python eval/run.py [--kb DIR] [--cases DIR] [--details]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.authoring.evaluation import details, evaluate, table  # noqa: E402
from engine.kb.load import load_kb  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", default=str(ROOT), help="knowledge base folder (default: the bundled one)")
    ap.add_argument("--cases", default=str(ROOT / "eval" / "cases"), help="folder of evaluation cases")
    ap.add_argument("--details", action="store_true", help="one line per case")
    args = ap.parse_args()
    ev = evaluate(Path(args.cases), load_kb(args.kb))
    if args.details:
        print(details(ev))
        print()
    print(table(ev))
    bad = ev.unexpected_failures()
    if bad:
        print(f"\n{len(bad)} case(s) fail without `expected_to_fail`: "
              + ", ".join(r.id for r in bad))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
