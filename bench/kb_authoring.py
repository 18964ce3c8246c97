"""Benchmark: how long the authoring checks take as a knowledge base grows (issue 5).

    python bench/kb_authoring.py              # the default KB, then with 10 variants of each
    python bench/kb_authoring.py --copies 40  # rule that has a threshold

Prints, for each size: load (with the errors seen across rules), `kb check` (everything, with the
scenario files) and `kb test`. Figures depend on the machine; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.authoring.check import check_kb  # noqa: E402
from engine.authoring.scenario_tests import run_tests  # noqa: E402
from engine.kb.load import default_kb_dir, load_kb_with_problems  # noqa: E402

RULE = re.compile(r"^  - id: (\S+)\n(?:(?!  - id: ).*\n?)*", re.M)
NUMBER = re.compile(r"(below|above|at_least|at_most): (\d+(?:\.\d+)?)")


def grow(root: Path, copies: int) -> int:
    """Append `copies` variants of every rule with a numeric threshold to its file: new ids,
    thresholds nudged by 0.01 per copy (so no copy is a duplicate, and all can still fire)."""
    added = 0
    for path in sorted(root.glob("rules/*.yaml")):
        text = path.read_text(encoding="utf-8")
        blocks = [m.group(0) for m in RULE.finditer(text) if NUMBER.search(m.group(0))]
        extra = []
        for i in range(copies):
            for block in blocks:
                rid = RULE.match(block).group(1)  # type: ignore[union-attr]
                variant = block.replace(f"id: {rid}", f"id: {rid}-V{i}", 1)
                variant = NUMBER.sub(lambda m, i=i: f"{m.group(1)}: "
                                     f"{float(m.group(2)) + 0.01 * (i + 1):g}", variant)
                extra.append(variant.rstrip("\n") + "\n")
                added += 1
        path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(extra), encoding="utf-8")
    return added


def timed(label: str, fn) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"  {label:<10} {time.perf_counter() - start:7.3f} s")
    return result


def measure(root: Path) -> None:
    kb, problems = timed("load", lambda: load_kb_with_problems(root))  # type: ignore[misc]
    print(f"  ({len(kb.rules)} rules, {sum(p.severity == 'error' for p in problems)} errors)")
    report = timed("kb check", lambda: check_kb(root))
    print(f"  ({report.summary()})")  # type: ignore[attr-defined]
    if not report.errors:  # type: ignore[attr-defined]
        run = timed("kb test", lambda: run_tests(kb))
        print(f"  ({run.summary()})")  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="variants of every rule to add")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "kb"
        for sub in ("rules", "knowledge_base"):
            shutil.copytree(default_kb_dir() / sub, root / sub)
        shutil.copytree(ROOT / "examples" / "cases", root / "examples" / "cases")
        print("default knowledge base")
        measure(root)
        added = grow(root, args.copies)
        print(f"with {added} more rules ({args.copies} variants of each)")
        measure(root)


if __name__ == "__main__":
    main()
