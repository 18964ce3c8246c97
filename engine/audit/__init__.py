"""The audit trail: a tamper-evident decision log on SQLite.

Modules: `store` (SQLite file, schema via `schema`, appending under the write lock), `chain`
(canonical serialisation and hashes), `record` (recording a decision: the hook for commands),
`verify`, `replay`, `review` (human oversight), `retention` (purge), `query` (list and export),
`snapshots` (stored knowledge bases), `redact`, `words` (what the commands print, en/zh).
"""

from .record import Recorded, record_decision

__all__ = ["Recorded", "record_decision"]
