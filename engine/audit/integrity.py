"""Schema integrity: the log's triggers, tables, indexes, version and meta table are exactly the
ones perfdx creates. Dropping an append-only trigger, rebuilding a table or setting the schema
version by hand is reported by `verify`, whether or not any record was touched yet.
"""

from __future__ import annotations

import functools
import re
import sqlite3

from .findings import Finding
from .schema import APPLICATION_ID, LATEST, META_KEYS, MIGRATIONS
from .store import AuditLog, _statements

Item = tuple[str, str, str | None]  # (type, name, normalised sql)


def _norm(sql: str | None) -> str | None:
    return re.sub(r"\s+", " ", sql).strip() if sql else sql


def _items(conn: sqlite3.Connection) -> dict[tuple[str, str], str | None]:
    return {(str(t), str(n)): _norm(s) for t, n, s in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


@functools.lru_cache(maxsize=1)
def expected() -> tuple[tuple[tuple[str, str], str | None], ...]:
    """sqlite_master of a log freshly made by this perfdx (every migration in order)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for script in MIGRATIONS:
        for statement in _statements(script):
            conn.execute(statement)
    found = tuple(sorted(_items(conn).items()))
    conn.close()
    return found


def schema_findings(log: AuditLog) -> list[Finding]:
    out: list[Finding] = []
    with log.guard():
        app = int(log.conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(log.conn.execute("PRAGMA user_version").fetchone()[0])
        actual = _items(log.conn)
        meta = [str(k) for (k,) in log.conn.execute("SELECT key FROM meta")] \
            if ("table", "meta") in actual else []
    if app != APPLICATION_ID:
        out.append(Finding("schema_app"))
    if version != LATEST:
        out.append(Finding("schema_version", values={"found": str(version), "want": str(LATEST)}))
    want = dict(expected())
    for (kind, name), sql in want.items():
        why = "guard" if kind == "trigger" else "layout"
        if (kind, name) not in actual:
            out.append(Finding("schema_missing", values={"what": kind, "name": name, "why": why}))
        elif actual[(kind, name)] != sql:
            out.append(Finding("schema_changed", values={"what": kind, "name": name, "why": why}))
    for kind, name in sorted(set(actual) - set(want)):
        out.append(Finding("schema_extra", values={"what": kind, "name": name}))
    for key in META_KEYS:
        if key not in meta:
            out.append(Finding("meta_missing", values={"signer": key}))
    for key in meta:
        if key not in META_KEYS + ("checkpoint_key",):
            out.append(Finding("meta_extra", values={"signer": key}))
    return out
