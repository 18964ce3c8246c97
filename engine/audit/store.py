"""The decision log on SQLite: opening (permissions, WAL, migrations), appending, reading.

Appending is `BEGIN IMMEDIATE` (the write lock) around read-the-head, store-the-KB and insert, so
processes recording at once are serialised and can never fork the chain; a process killed in the
middle loses only its own uncommitted record (WAL, synchronous=FULL). Every SQLite failure leaves
this module as an AuditError naming the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import getpass
import json
import os
import re
import secrets
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..kb.base import KnowledgeBase
from .chain import GENESIS, Header, canonical, sha256
from .errors import AuditError
from .keys import private_folders, redaction_key_path, write_secret
from .paths import resolve_db_path
from .schema import APPLICATION_ID, LATEST, MIGRATIONS

BUSY_SECONDS = 60.0  # how long a writer waits for another one before giving up
_ID = re.compile(r"[0-9a-f]{4,12}")
_COLUMNS = ("seq, id, kind, created, operator, perfdx, kb_hash, subject, content_hash, "
            "prev_hash, record_hash, content")
_SQLITE_FULL = 13  # SQLITE_FULL: the disk (or the page limit) is full
_NO_LOG_HINT = ("decisions are recorded by 'perfdx diagnose'; give --db PATH or set $PERFDX_DB "
                "to use another log")


@dataclass(frozen=True)
class Row:
    """One stored record."""

    seq: int
    id: str
    kind: str
    created: str
    operator: str
    perfdx: str
    kb_hash: str | None
    subject: str | None
    content_hash: str
    prev_hash: str
    record_hash: str
    content: str | None  # canonical JSON; None once purged

    @functools.cached_property
    def leaf_input(self) -> bytes:
        """The hashed header bytes (computed once): the record hash and the Merkle leaf."""
        return self.header().leaf_input()

    @functools.cached_property
    def computed_hash(self) -> str:
        """The record hash recomputed from the stored fields."""
        return sha256(self.leaf_input)

    def header(self) -> Header:
        return Header(self.id, self.kind, self.created, self.operator, self.perfdx,
                      self.kb_hash, self.subject, self.content_hash, self.prev_hash)

    def data(self) -> dict[str, Any] | None:
        return json.loads(self.content) if self.content is not None else None

    @property
    def purged(self) -> bool:
        return self.content is None

    @property
    def intact(self) -> bool:
        """Do its content and its fields still match its hashes?"""
        return self.content_intact and self.computed_hash == self.record_hash

    @property
    def content_intact(self) -> bool:
        """Does the stored content still match the content hash in the chain?"""
        return self.content is None or sha256(self.content.encode("utf-8")) == self.content_hash


def utc_stamp(now: dt.datetime | None = None) -> str:
    moment = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def default_operator() -> str:
    """The OS user running perfdx (who the log says ran it, unless --operator names someone)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment (some containers)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _create(path: Path) -> None:
    """Create the log file readable by its owner only, and any missing folder as 0700."""
    private_folders(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return
    os.close(fd)
    os.chmod(path, 0o600)


class AuditLog:
    """An open decision log. Use `AuditLog.open(db, create=...)` and close it (or `with`)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None, *, create: bool = False,
             read_only: bool = False) -> AuditLog:
        """Open (or, with `create`, create) a log. `read_only`: open it for reading only
        (SQLite `mode=ro`), so that a log on read-only storage can be listed and verified."""
        path = resolve_db_path(db)
        if path.is_dir():
            raise AuditError("is a folder, not a decision log", file=str(path),
                             hint="give the path of the .db file")
        if path.exists() and not path.is_file():  # SQLite would write a -journal beside it
            raise AuditError("is not a regular file (a device, a named pipe or a socket), so "
                             "it cannot be a decision log", file=str(path),
                             hint="give --db the path of a .db file")
        if read_only and path.exists():
            log = cls._open_read_only(path)
            if log is not None:
                return log
        if not path.exists():
            if not create:
                raise AuditError("no decision log here", file=str(path), hint=_NO_LOG_HINT)
            try:
                _create(path)
            except OSError as err:
                raise AuditError(f"cannot create the decision log: {err.strerror}",
                                 file=str(path)) from None
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as err:
            raise AuditError(f"cannot open the decision log: {err}", file=str(path)) from None
        log = cls(path, conn)
        try:
            with log.guard():
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
                log._prepare_when_free()
        except BaseException:
            conn.close()
            raise
        return log

    @classmethod
    def _open_read_only(cls, path: Path) -> AuditLog | None:
        """The log opened with SQLite's `mode=ro`; None when it needs an upgrade first (a
        writing open does that). On read-only storage SQLite cannot create the shared-memory
        file a log in WAL mode needs; with no write-ahead file beside it, every record is in
        the main file and `immutable=1` reads it without one."""
        uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            with cls(path, conn).guard():
                try:
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                    cant_open = False
                except sqlite3.OperationalError as err:
                    if "unable to open" not in str(err):
                        raise
                    cant_open = True
        except BaseException:
            conn.close()
            raise
        if cant_open:
            conn.close()
            wal = Path(str(path) + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise AuditError("cannot read the decision log here: its folder is read-only "
                                 f"and {wal.name} holds records not yet in the main file",
                                 file=str(path), hint="copy the log with its -wal file to a "
                                 "writable folder and read it there") from None
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
        log = cls(path, conn)
        try:
            with log.guard():
                app, version, tables = log._identity()
                if app == 0 and version == 0 and tables == 0:
                    raise AuditError("no decision log here: the file is empty", file=str(path),
                                     hint=_NO_LOG_HINT)
                log._check(app, version, tables)
                if version < LATEST:
                    conn.close()
                    return None
                conn.execute("PRAGMA query_only = ON")
        except BaseException:
            conn.close()
            raise
        return log

    def _prepare_when_free(self) -> None:
        # While another process creates the log or switches it to WAL, SQLite may answer
        # "locked" at once instead of waiting (its busy handler is skipped where waiting could
        # deadlock): try again for as long as a writer would wait.
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                self._prepare()
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                time.sleep(0.01)

    def _prepare(self) -> None:
        app, version, tables = self._identity()
        if version == LATEST and app == APPLICATION_ID:
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            return
        self._check(app, version, tables)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        with self.write():
            app, version, tables = self._identity()  # again, now that we hold the write lock
            self._check(app, version, tables)
            legacy_key = self.meta("redaction_key") if 1 <= version < 2 else None
            for number in range(version + 1, LATEST + 1):
                for statement in _statements(MIGRATIONS[number - 1]):
                    try:
                        self.conn.execute(statement)
                    except (sqlite3.OperationalError, sqlite3.IntegrityError) as err:
                        if "already exists" not in str(err) and "UNIQUE" not in str(err):
                            raise
                        raise AuditError(f"the log says it is schema {version}, but it already "
                                         f"has parts of schema {number}: its schema "
                                         "version was changed by hand", file=str(self.path),
                                         hint="run 'perfdx audit verify' on a copy made "
                                              "before the change") from None
            if version == 0:
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.conn.execute("INSERT INTO meta VALUES ('created', ?)", (utc_stamp(),))
            if legacy_key:
                self._move_redaction_key(legacy_key)
            self.conn.execute(f"PRAGMA user_version = {LATEST}")

    def _move_redaction_key(self, key: str) -> None:
        """Schema 1 kept the redaction key inside the log; it moves beside the signing key."""
        path = redaction_key_path(self.log_id)
        try:
            if path.exists():
                if path.read_text(encoding="ascii").strip() != key:
                    raise AuditError("cannot move this log's redaction key out of it: another "
                                     "key is already there", file=str(path))
                return
            write_secret(path, key + "\n")
        except OSError as err:
            raise AuditError(f"cannot move this log's redaction key out of it: {err.strerror}",
                             file=str(path)) from None

    def _identity(self) -> tuple[int, int, int]:
        """(application id, schema version, number of tables), read from one snapshot: another
        process may be creating the log this very moment."""
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            app = int(self.conn.execute("PRAGMA application_id").fetchone()[0])
            version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
            tables = int(self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        finally:
            if own:
                self.conn.execute("COMMIT")
        return app, version, tables

    def _check(self, app: int, version: int, tables: int) -> None:
        if app == 0 and version == 0 and tables == 0:
            return  # a new, empty file: it becomes a decision log
        if app != APPLICATION_ID:
            raise AuditError("not a perfdx decision log (an SQLite database of another program)",
                             file=str(self.path), hint="give --db the path of a perfdx log")
        if version > LATEST:
            raise AuditError(f"this decision log was written by a newer perfdx (schema {version};"
                             f" this perfdx reads up to {LATEST})", file=str(self.path),
                             hint="upgrade perfdx")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and errors -------------------------------------------------------------

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """SQLite errors as AuditErrors that name the file and say what to do."""
        try:
            yield
        except sqlite3.DatabaseError as err:
            text = str(err)
            if getattr(err, "sqlite_errorcode", None) == _SQLITE_FULL or "disk is full" in text:
                raise AuditError("the disk is full: nothing was recorded", file=str(self.path),
                                 hint="free some space and run the command again") from None
            if "not a database" in text:
                message, hint = "not a perfdx decision log: file is not a database", None
            elif "locked" in text or "busy" in text:
                message = f"the decision log stayed locked by another process for " \
                          f"{BUSY_SECONDS:g} s"
                hint = "try again"
            elif "malformed" in text or "corrupt" in text:
                message = f"the decision log is damaged: {text}"
                hint = "restore it from a backup, then run 'perfdx audit verify' on it"
            else:
                message, hint = f"the decision log failed: {text}", None
            raise AuditError(message, file=str(self.path), hint=hint) from None

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the database's write lock from its first statement."""
        with self.guard():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:  # SQLite ends it itself on some errors (disk full)
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # -- appending ---------------------------------------------------------------------------

    def append(self, kind: str, content: dict[str, Any], *, operator: str,
               kb: KnowledgeBase | None = None, subject: str | None = None,
               now: dt.datetime | None = None) -> Row:
        """Chain one record after the current head and return it as stored."""
        with self.write():
            rid = self.append_locked(kind, content, operator=operator, kb=kb, subject=subject,
                                     now=now)
        return self.get(rid)

    def append_locked(self, kind: str, content: dict[str, Any], *, operator: str,
                      kb: KnowledgeBase | None = None, subject: str | None = None,
                      now: dt.datetime | None = None, decision_key: str | None = None) -> str:
        """`append` for a caller that already holds the write lock (`with log.write()`)."""
        body = canonical(content).decode("utf-8")
        conn = self.conn
        if kb is not None:
            self._store_kb(kb)
        last = conn.execute("SELECT record_hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
        rid = secrets.token_hex(6)
        while conn.execute("SELECT 1 FROM records WHERE id = ?", (rid,)).fetchone():
            rid = secrets.token_hex(6)
        header = Header(rid, kind, utc_stamp(now), operator, __version__,
                        kb.hash if kb is not None else None, subject,
                        sha256(body.encode("utf-8")), last[0] if last else GENESIS)
        conn.execute(f"INSERT INTO records ({_COLUMNS}) VALUES "
                     "(NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (header.id, header.kind, header.created, header.operator, header.perfdx,
                      header.kb, header.subject, header.content, header.prev, header.hash(),
                      body))
        if decision_key is not None:
            conn.execute("INSERT OR IGNORE INTO decision_keys VALUES (?, ?)", (decision_key, rid))
        return rid

    def decision_for(self, key: str) -> Row | None:
        """The record already holding the decision with this key, if any."""
        with self.guard():
            found = self.conn.execute("SELECT id FROM decision_keys WHERE key = ?",
                                      (key,)).fetchone()
        return self.get(str(found[0])) if found else None

    def _store_kb(self, kb: KnowledgeBase) -> None:
        if self.conn.execute("SELECT 1 FROM kb_snapshots WHERE hash = ?", (kb.hash,)).fetchone():
            return
        self.conn.execute("INSERT INTO kb_snapshots VALUES (?, ?, ?, ?)",
                          (kb.hash, utc_stamp(), len(kb.files),
                           sum(len(f.data) for f in kb.files)))
        self.conn.executemany("INSERT INTO kb_files VALUES (?, ?, ?)",
                              [(kb.hash, f.path, f.data) for f in kb.files])

    # -- reading -----------------------------------------------------------------------------

    def rows(self, where: str = "", params: Sequence[Any] = ()) -> list[Row]:
        """Records in storage order, optionally filtered by an SQL condition."""
        sql = f"SELECT {_COLUMNS} FROM records {'WHERE ' + where if where else ''} ORDER BY seq"
        with self.guard():
            return [_row(r) for r in self.conn.execute(sql, tuple(params))]

    def iter_rows(self) -> Iterator[Row]:
        """Every record in storage order, one at a time (a long log need not fit in memory)."""
        with self.guard():
            for values in self.conn.execute(f"SELECT {_COLUMNS} FROM records ORDER BY seq"):
                yield _row(values)

    def get(self, record_id: str) -> Row:
        found = self.rows("id = ?", (record_id,))
        if not found:
            raise AuditError(f"no record {record_id}", file=str(self.path))
        return found[0]

    def find(self, text: str) -> Row:
        """A record by its id or a unique prefix of it (at least 4 digits), as auditors type it."""
        wanted = text.strip().lower()
        if not _ID.fullmatch(wanted):
            raise AuditError(f"{text!r} is not a record id", hint="record ids are 12 "
                             "hexadecimal digits, e.g. 3f9a1c2b7d4e; 'perfdx audit list' "
                             "shows them")
        found = self.rows("id LIKE ?", (wanted + "%",))
        if not found:
            raise AuditError(f"no record {wanted}", file=str(self.path),
                             hint="'perfdx audit list' shows the record ids")
        if len(found) > 1:
            ids = ", ".join(r.id for r in found[:5])
            raise AuditError(f"record id {wanted} is ambiguous: it begins {len(found)} records "
                             f"({ids})", file=str(self.path), hint="give more digits")
        return found[0]

    def head(self) -> Row | None:
        found = self.rows("seq = (SELECT max(seq) FROM records)")
        return found[0] if found else None

    @property
    def log_id(self) -> str:
        return self.meta("log_id") or "unknown"

    @property
    def origin(self) -> str:
        """The log's name in its checkpoints (C2SP tlog-checkpoint origin line)."""
        return f"perfdx/decisions/{self.log_id}"

    def meta(self, key: str) -> str | None:
        with self.guard():
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def snapshot_hashes(self) -> list[str]:
        with self.guard():
            return [r[0] for r in self.conn.execute("SELECT hash FROM kb_snapshots ORDER BY hash")]

    def snapshot_files(self, kb_hash: str) -> list[tuple[str, bytes]]:
        with self.guard():
            # bytes(...) also for a value an editor turned into text (verify then flags it)
            return [(str(p), d.encode("utf-8") if isinstance(d, str) else bytes(d))
                    for p, d in self.conn.execute(
                "SELECT path, data FROM kb_files WHERE kb_hash = ? ORDER BY path", (kb_hash,))]


def _row(values: tuple[Any, ...]) -> Row:
    """A stored row; a value whose type an editor changed reads as text, so verify can flag it."""
    fixed: list[Any] = [v.decode("utf-8", "replace") if isinstance(v, bytes) else v
                        for v in values]
    return Row(*fixed)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit our transaction)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    return out
