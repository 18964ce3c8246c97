"""`perfdx kb init DIR`: a copy of the bundled KB to edit, with its tests and example cases.

The copy holds rules/, knowledge_base/ (catalogs, scenario tests, JSON Schemas and the editors'
README) and examples/cases/, which the scenario tests refer to (`../../examples/cases/...`). It is
made in a temporary folder beside DIR and renamed into place, so a failure leaves nothing behind;
a DIR that exists and is not empty is refused, never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..kb.load import default_kb_dir

PARTS = (Path("rules"), Path("knowledge_base"), Path("examples") / "cases")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


@dataclass(frozen=True)
class InitResult:
    root: Path
    rule_files: int
    catalog_files: int
    scenario_files: int
    cases: int


def init_kb(dest: str | os.PathLike[str], source: Path | None = None) -> InitResult:
    """Copy the bundled KB (or `source`) into `dest`, which must not exist or be empty."""
    target = Path(dest)
    source = source or default_kb_dir()
    if target.exists() and not target.is_dir():
        raise InputError("exists and is not a folder", file=str(target),
                         hint="choose a new folder for the knowledge base")
    if target.is_dir() and any(target.iterdir()):
        raise InputError("folder is not empty; kb init never overwrites", file=str(target),
                         hint="choose a new or empty folder")
    if not (source / "rules").is_dir():
        raise InputError("the bundled knowledge base is missing", file=str(source),
                         hint="reinstall perfdx")
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    try:
        for part in PARTS:
            if (source / part).is_dir():
                shutil.copytree(source / part, staging / part, ignore=_IGNORE)
        staging.chmod(0o755)
        if target.is_dir():
            target.rmdir()
        os.replace(staging, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(staging)
        raise
    return InitResult(
        root=target,
        rule_files=len(list(target.glob("rules/*.yaml"))),
        catalog_files=len(list(target.glob("knowledge_base/*.yaml"))),
        scenario_files=len(list(target.glob("knowledge_base/scenarios/*.yaml"))),
        cases=len(list(target.glob("examples/cases/*.yaml"))))
