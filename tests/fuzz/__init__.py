"""Fuzzers of the perfdx CLI (issue 10): mutated case files, mutated KBs, join-shaped rule sets.

Every input runs the real CLI path in a worker process and ends in one outcome class (outcome.py).
The seeded fast form runs in `make test` (test_fuzz_seeded.py); `make fuzz` runs the long form
(`python -m tests.fuzz`). It lives under tests/ because it is test code: it is never shipped in
the wheel, it reuses the suite's KB-copy helpers, and the top-level layout is fixed by the design.
"""
