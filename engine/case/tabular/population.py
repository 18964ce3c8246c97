"""Several export files under one mapping, as one population of employees.

Rows are streamed into a temporary SQLite database (never held in memory whole), so the rows of
one employee need not be adjacent in a long export. Three passes, all before any diagnosis:
scan (every row checked, every problem kept), assemble (each employee's rows into one case,
validated against the KB), then `cases()` streams the valid cases in input order.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import InputError, PerfdxError
from ...kb.base import KnowledgeBase
from ..check import check_case
from ..load import parse_case
from ..model import LoadedCase
from .mapping import Constant, Mapping
from .mapping_check import check_header
from .rows import Header, RowProblem, RowReader
from .sources import is_blank, read_rows

BATCH = 1000  # rows per insert: memory stays flat however long the export is


@dataclass
class Counts:
    files: int = 0
    rows: int = 0  # data rows read (the header and blank rows not counted)
    blank_rows: int = 0
    bad_rows: int = 0
    employees: int = 0  # distinct employees seen
    skipped: int = 0  # employees not diagnosed because a row of theirs has a problem
    warnings: list[str] = field(default_factory=list)

    @property
    def ready(self) -> int:
        return self.employees - self.skipped


@dataclass(frozen=True)
class EmployeeCase:
    seq: int  # input order
    employee: str
    source: str  # file:row of the employee's first row
    data: dict[str, Any]  # the case, plain data (as a case file would hold it)


class Population:
    """Use as a context manager: the temporary database is deleted on exit."""

    def __init__(self, files: list[str], mapping: Mapping, kb: KnowledgeBase) -> None:
        self.files = files
        self.m = mapping
        self.kb = kb
        self.counts = Counts(files=len(files))
        self._dir = tempfile.TemporaryDirectory(prefix="perfdx-import-")
        self.db = sqlite3.connect(str(Path(self._dir.name) / "rows.sqlite"))
        self.db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -8000;
            CREATE TABLE rows (seq INTEGER PRIMARY KEY, emp TEXT, file TEXT, row INT, data TEXT);
            CREATE TABLE emps (emp TEXT PRIMARY KEY, seq INT, file TEXT, row INT, bad INT);
            CREATE TABLE problems (seq INTEGER PRIMARY KEY, file TEXT, row INT, col TEXT,
                                   message TEXT, hint TEXT);
            CREATE TABLE cases (seq INTEGER PRIMARY KEY, emp TEXT, source TEXT, data TEXT);
        """)

    def __enter__(self) -> Population:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    # -- pass 1: every row checked ---------------------------------------------------------

    def scan(self) -> None:
        reader = RowReader(self.m, self.kb)
        seq = 0
        for name in self.files:
            rows = read_rows(name, sheet=self.m.sheet)
            header_row = next(rows, None)
            if header_row is None or is_blank(header_row):
                raise InputError("the export is empty or its first row (the header) is blank",
                                 file=name, line=1)
            header = Header(header_row.cells)
            self.counts.warnings += check_header(header, self.m, name)
            pending: list[tuple[Any, ...]] = []
            for row in rows:
                if is_blank(row):
                    self.counts.blank_rows += 1
                    continue
                self.counts.rows += 1
                seq += 1
                data, problems = reader.read(row, header)
                emp = data["employee"].get("id")
                if problems:
                    self.counts.bad_rows += 1
                    self._problems(problems)
                if emp is None:
                    continue
                first = self.db.execute("SELECT file, row FROM emps WHERE emp = ?",
                                        (emp,)).fetchone()
                if first is None:
                    self.db.execute("INSERT INTO emps VALUES (?, ?, ?, ?, ?)",
                                    (emp, seq, name, row.number, int(bool(problems))))
                elif self.m.layout == "wide":
                    if not problems:
                        self.counts.bad_rows += 1
                    self._problems([RowProblem(
                        name, row.number, self.m.employee.id if isinstance(
                            self.m.employee.id, str) else None,
                        f"employee {emp} appears again (first at {first[0]}:{first[1]})",
                        "a wide export has one row per employee; remove or merge the "
                        "duplicate")])
                    self.db.execute("UPDATE emps SET bad = 1 WHERE emp = ?", (emp,))
                    continue
                elif problems:
                    self.db.execute("UPDATE emps SET bad = 1 WHERE emp = ?", (emp,))
                pending.append((seq, emp, name, row.number, json.dumps(data)))
                if len(pending) >= BATCH:
                    self.db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?)", pending)
                    pending = []
            self.db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?)", pending)
        self.db.execute("CREATE INDEX rows_emp ON rows (emp, seq)")
        self.db.execute("CREATE INDEX emps_seq ON emps (seq)")
        self.counts.employees = self.db.execute("SELECT count(*) FROM emps").fetchone()[0]

    def _problems(self, problems: list[RowProblem]) -> None:
        self.db.executemany("INSERT INTO problems (file, row, col, message, hint) VALUES "
                            "(?, ?, ?, ?, ?)",
                            [(p.file, p.row, p.column, p.message, p.hint) for p in problems])

    def problems(self) -> Iterator[RowProblem]:
        """Every problem found, in file and row order."""
        order = {name: i for i, name in enumerate(self.files)}
        cur = self.db.execute("SELECT file, row, col, message, hint FROM problems ORDER BY seq")
        found = [RowProblem(*r) for r in cur]
        found.sort(key=lambda p: (order.get(p.file, 0), p.row))
        yield from found

    def problem_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM problems").fetchone()[0])

    # -- pass 2: one case per employee ---------------------------------------------------------

    def assemble(self) -> None:
        from .assemble import assemble_case

        pending: list[tuple[Any, ...]] = []
        cur = self.db.cursor()
        for emp, seq, file, row in self._good_employees():
            rows = [(r[0], r[1], json.loads(r[2])) for r in cur.execute(
                "SELECT file, row, data FROM rows WHERE emp = ? ORDER BY seq", (emp,))]
            data, problems = assemble_case(self.m, rows)
            source = f"{file}:{row}"
            if not problems:
                try:
                    check_case(parse_case(data, source), self.kb)
                except PerfdxError as err:
                    problems = [RowProblem(file, row, None, f"employee {emp}: {err.message}",
                                           err.hint)]
            if problems:
                self.counts.bad_rows += len({(p.file, p.row) for p in problems})
                self._problems(problems)
                cur.execute("UPDATE emps SET bad = 1 WHERE emp = ?", (emp,))
                continue
            pending.append((seq, emp, source, json.dumps(data, ensure_ascii=False)))
            if len(pending) >= BATCH:
                cur.executemany("INSERT INTO cases VALUES (?, ?, ?, ?)", pending)
                pending = []
        cur.executemany("INSERT INTO cases VALUES (?, ?, ?, ?)", pending)
        self.counts.skipped = self.db.execute("SELECT count(*) FROM emps WHERE bad = 1"
                                              ).fetchone()[0]

    def _good_employees(self) -> Iterator[tuple[str, int, str, int]]:
        """Employees without a bad row, in input order, read in pages (never all at once)."""
        last = 0
        while True:
            page = self.db.execute("SELECT emp, seq, file, row FROM emps WHERE bad = 0 AND "
                                   "seq > ? ORDER BY seq LIMIT 500", (last,)).fetchall()
            if not page:
                return
            yield from page
            last = page[-1][1]

    # -- pass 3: the cases, streamed ---------------------------------------------------------

    def cases(self) -> Iterator[EmployeeCase]:
        cur = self.db.cursor()
        last = 0
        while True:  # in pages, so the database is never read whole into memory
            page = cur.execute("SELECT seq, emp, source, data FROM cases WHERE seq > ? "
                               "ORDER BY seq LIMIT 500", (last,)).fetchall()
            if not page:
                return
            for seq, emp, source, data in page:
                yield EmployeeCase(seq, emp, source, json.loads(data))
            last = page[-1][0]


def loaded(case: EmployeeCase) -> LoadedCase:
    return parse_case(case.data, case.source)


def period_constant(m: Mapping) -> str | None:
    return str(m.case.period.value) if isinstance(m.case.period, Constant) else None
