"""An output folder written whole or not at all: built in a hidden folder beside the target,
then renamed into place (a rename within one folder is atomic)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from engine.errors import InputError

MARKER = "summary.json"  # a folder holding it was written by perfdx batch run


def check_target(path: str, *, marker: str | None = MARKER) -> None:
    """Refuse before any work: a missing parent, or a folder with other people's files."""
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"the folder {parent} does not exist", file=path)
    if not os.access(parent, os.W_OK):
        raise InputError(f"{parent} cannot be written (permission denied)", file=path)
    if target.exists() and not target.is_dir():
        raise InputError("exists and is not a folder", file=path)
    if target.is_dir() and any(target.iterdir()) and (
            marker is None or not (target / marker).exists()):
        raise InputError("the folder exists and holds files perfdx did not write; nothing "
                         "was changed", file=path, hint="give a new or empty folder")


class Staged:
    """A hidden folder beside the target, to fill; `commit()` moves it into place."""

    def __init__(self, target: Path, tmp: Path) -> None:
        self.target = target
        self.path = tmp
        self.committed = False

    def commit(self) -> None:
        if self.committed:
            return
        target, parent = self.target, self.target.parent if str(self.target.parent) else Path(".")
        self.path.chmod(0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=parent))
            os.rename(target, old / target.name)
            os.rename(self.path, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.path, target)
        self.committed = True


@contextlib.contextmanager
def building(path: str) -> Iterator[Staged]:
    """Yield a staged folder; it replaces `path` when committed (or, if never committed, when
    the block ends without an error); on failure it vanishes."""
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    staged = Staged(target, Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent)))
    try:
        yield staged
        staged.commit()
    except BaseException:
        if not staged.committed:
            shutil.rmtree(staged.path, ignore_errors=True)
        raise


def safe_name(employee: str, taken: set[str]) -> str:
    """A file name for an employee id (ids may hold any character)."""
    base = "".join(c if c.isalnum() or c in "-_." else "_" for c in employee).strip(".") or "_"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name.lower())
    return name
