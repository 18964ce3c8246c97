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

# Version 2 (issue 14): signed checkpoints, one decision per content, the log's own id (the
# checkpoints' origin), and the meta table made append-only. The redaction key leaves the log
# (store.py moves it to a file beside the signing key during this migration).
_V2 = """
INSERT INTO meta VALUES ('log_id', lower(hex(randomblob(8))));
DELETE FROM meta WHERE key = 'redaction_key';
CREATE TRIGGER meta_no_update BEFORE UPDATE ON meta
BEGIN
    SELECT RAISE(ABORT, 'the decision log is append-only');
END;
CREATE TRIGGER meta_no_delete BEFORE DELETE ON meta
BEGIN
    SELECT RAISE(ABORT, 'the decision log is append-only');
END;

-- Signed checkpoints (C2SP tlog-checkpoint notes) over the RFC 9162 Merkle tree of the records.
CREATE TABLE checkpoints (
    seq      INTEGER PRIMARY KEY,
    size     INTEGER NOT NULL UNIQUE,  -- records (leaves) the checkpoint covers
    last_seq INTEGER NOT NULL,         -- records.seq of its last leaf (0 for an empty tree)
    root     TEXT NOT NULL,            -- the tree's root, hex
    created  TEXT NOT NULL,            -- UTC time it was signed (not itself signed)
    note     TEXT NOT NULL,            -- the signed note, as written to the witness file
    frontier TEXT NOT NULL             -- roots of the tree's perfect subtrees, hex, comma-separated
);
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN
    SELECT RAISE(ABORT, 'the decision log is append-only');
END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN
    SELECT RAISE(ABORT, 'the decision log is append-only');
END;

-- One decision per content: the key of what shaped a decision -> the record that holds it.
CREATE TABLE decision_keys (
    key TEXT PRIMARY KEY,
    id  TEXT NOT NULL
);
CREATE TRIGGER decision_keys_no_update BEFORE UPDATE ON decision_keys
BEGIN
    SELECT RAISE(ABORT, 'the decision log is append-only');
END;
CREATE TRIGGER decision_keys_no_delete BEFORE DELETE ON decision_keys
BEGIN
    SELECT RAISE(ABORT, 'the decision log is append-only');
END;
"""

# MIGRATIONS[n - 1] takes the schema from version n - 1 to version n.
MIGRATIONS: tuple[str, ...] = (_V1, _V2)
TRIGGERS = ("records_no_delete", "records_no_update", "kb_files_no_change", "kb_files_no_delete",
            "meta_no_update", "meta_no_delete", "checkpoints_no_update", "checkpoints_no_delete",
            "decision_keys_no_update", "decision_keys_no_delete")
META_KEYS = ("created", "log_id")  # always present; 'checkpoint_key' once a checkpoint exists
LATEST = len(MIGRATIONS)
