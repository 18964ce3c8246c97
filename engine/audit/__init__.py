"""The audit trail: a tamper-evident decision log on SQLite.

Modules: `store` (SQLite file, schema via `schema`, appending under the write lock), `chain`
(canonical serialisation and hashes), `record` (recording a decision: the hook for commands),
`verify`, `replay`, `review` (human oversight), `retention` (purge), `query` (list and export),
`snapshots` (stored knowledge bases), `redact`, `words` (what the commands print, en/zh).
"""

from __future__ import annotations

from typing import Any

__all__ = ["Recorded", "record_decision"]


def __getattr__(name: str) -> Any:
    """`record_decision` and `Recorded` are imported on first use: a command that records
    nothing (`diagnose --no-record`) does not load the log, its keys and their cryptography."""
    if name in __all__:
        from . import record

        return getattr(record, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
