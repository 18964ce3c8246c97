"""The decision log's SQLite schema and its migrations.

`PRAGMA application_id` marks a file as a perfdx decision log; `PRAGMA user_version` is the schema
version. A migration is a script that takes the schema from version N-1 to N; they run in order,
inside one write transaction, when a log is opened. Never edit a released migration: add one.
"""

from __future__ import annotations

APPLICATION_ID = 0x70667864  # "pfxd": tells a perfdx decision log from any other SQLite file

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Each knowledge base is stored once, by content hash, with every file it was loaded from.
CREATE TABLE kb_snapshots (
    hash   TEXT PRIMARY KEY,   -- sha256 over the sorted (relative path, bytes) pairs
    stored TEXT NOT NULL,      -- UTC time it was first stored
    files  INTEGER NOT NULL,
    bytes  INTEGER NOT NULL
);
CREATE TABLE kb_files (
    kb_hash TEXT NOT NULL REFERENCES kb_snapshots(hash),
    path    TEXT NOT NULL,     -- relative to the KB root, forward slashes
    data    BLOB NOT NULL,
    PRIMARY KEY (kb_hash, path)
);

-- The chain. `seq` is only the storage order; the order that counts is the chain of hashes.
CREATE TABLE records (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    created      TEXT NOT NULL,
    operator     TEXT NOT NULL,
    perfdx       TEXT NOT NULL,
    kb_hash      TEXT REFERENCES kb_snapshots(hash),
    subject      TEXT,
    content_hash TEXT NOT NULL,
    prev_hash    TEXT NOT NULL UNIQUE,  -- UNIQUE: two records can never follow the same one
    record_hash  TEXT NOT NULL UNIQUE,
    content      TEXT                   -- canonical JSON; NULL once purged (a tombstone)
);
CREATE INDEX records_subject ON records(subject);
CREATE INDEX records_created ON records(created);

-- Append-only, as a guard against accidents (verification is what catches deliberate edits).
CREATE TRIGGER records_no_delete BEFORE DELETE ON records
BEGIN
    SELECT RAISE(ABORT, 'the decision log is append-only');
END;
CREATE TRIGGER records_no_update BEFORE UPDATE ON records
WHEN NOT (NEW.content IS NULL AND NEW.seq = OLD.seq AND NEW.id = OLD.id
          AND NEW.kind = OLD.kind AND NEW.created = OLD.created
          AND NEW.operator = OLD.operator AND NEW.perfdx = OLD.perfdx
          AND NEW.kb_hash IS OLD.kb_hash AND NEW.subject IS OLD.subject
          AND NEW.content_hash = OLD.content_hash AND NEW.prev_hash = OLD.prev_hash
          AND NEW.record_hash = OLD.record_hash)
BEGIN
    SELECT RAISE(ABORT, 'the decision log is append-only: only a purge may clear content');
END;
CREATE TRIGGER kb_files_no_change BEFORE UPDATE ON kb_files
BEGIN
    SELECT RAISE(ABORT, 'stored knowledge bases never change');
END;
CREATE TRIGGER kb_files_no_delete BEFORE DELETE ON kb_files
BEGIN
    SELECT RAISE(ABORT, 'stored knowledge bases are never deleted');
END;
"""

# MIGRATIONS[n - 1] takes the schema from version n - 1 to version n.
MIGRATIONS: tuple[str, ...] = (_V1,)
LATEST = len(MIGRATIONS)
