"""What an attacker with write access to the file can do: edit rows, bypassing the guards."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from engine.audit.chain import Header, sha256
from engine.audit.schema import TRIGGERS as _TRIGGERS

COLUMNS = ("seq", "id", "kind", "created", "operator", "perfdx", "kb_hash", "subject",
           "content_hash", "prev_hash", "record_hash", "content")


class _Attacker(sqlite3.Connection):
    """Drops the append-only triggers, edits, and puts them back as they were on close(), as a
    careful attacker would (`verify` reports a missing trigger on its own)."""

    saved: list[str]

    def close(self) -> None:
        for sql in getattr(self, "saved", []):
            self.execute(sql)
        self.saved = []
        super().close()


def connect(db: Path, *, restore: bool = True) -> sqlite3.Connection:
    """A connection with the append-only triggers dropped, as an attacker would; close() puts
    them back unless restore=False."""
    conn = sqlite3.connect(str(db), isolation_level=None, factory=_Attacker)
    names = ", ".join(f"'{n}'" for n in _TRIGGERS)
    conn.saved = [sql for (sql,) in conn.execute(
        f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})")] \
        if restore else []
    for name in _TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    return conn


def rows(db: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(str(db))
    found = [dict(zip(COLUMNS, r, strict=True))
             for r in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM records ORDER BY seq")]
    conn.close()
    return found


def rewrite(db: Path, new_rows: list[dict[str, Any]]) -> None:
    """Replace the records table by these rows, numbered in this order: in the table's own
    layout where the rows fit it, else in one without constraints (which verify then reports)."""
    conn = connect(db)
    table, indexes = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'records'"
                                  ).fetchone()[0], [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' "
        "AND sql IS NOT NULL")]
    for layout in (table, f"CREATE TABLE records ({', '.join(COLUMNS)})"):
        conn.execute("DROP TABLE records")
        conn.execute(layout)
        for sql in indexes:
            conn.execute(sql)
        try:
            for seq, row in enumerate(new_rows, start=1):
                values = dict(row, seq=seq)
                conn.execute(f"INSERT INTO records VALUES ({', '.join('?' * len(COLUMNS))})",
                             [values[c] for c in COLUMNS])
            break
        except sqlite3.IntegrityError:
            continue
    conn.close()


def forged(after: dict[str, Any], rid: str = "f0f0f0f0f0f0") -> dict[str, Any]:
    """A well-formed record (its own hashes right) that claims to follow `after`."""
    content = '{"note":"forged"}'
    header = Header(rid, "review", after["created"], "mallory", after["perfdx"], None,
                    after["id"], sha256(content.encode()), after["record_hash"])
    return {"seq": 0, "id": rid, "kind": "review", "created": after["created"],
            "operator": "mallory", "perfdx": after["perfdx"], "kb_hash": None,
            "subject": after["id"], "content_hash": header.content, "prev_hash": header.prev,
            "record_hash": header.hash(), "content": content}
