"""Load a knowledge-base directory into one immutable, checked KnowledgeBase.

A KB directory holds `rules/*.yaml` (the rules) and `knowledge_base/*.yaml` (the catalogs).
Every problem found is collected with its file and line, so `kb check` can report all at once;
`load_kb` raises a KnowledgeBaseError when any of them is an error.

The loader itself (parsing and checking every file, kb/loader.py) is imported only when a KB is
not in the on-disk cache (kb/cache.py), so a command whose KB is cached never imports it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import BaseModel

from ..errors import KnowledgeBaseError, Problem
from ..yamlio import MAX_BYTES
from . import cache as kb_cache
from .base import KBFile, KnowledgeBase
from .models import (
    Area,
    Course,
    Dimension,
    Intervention,
    Kpi,
    Observation,
    Owner,
    Pattern,
    Settings,
)
from .policy import PlanPolicy

# Catalog sections: name -> (entry model, catalog name used by references)
LIST_SECTIONS: dict[str, tuple[type[BaseModel], str]] = {
    "kpis": (Kpi, "kpi"),
    "patterns": (Pattern, "pattern"),
    "interventions": (Intervention, "intervention"),
    "courses": (Course, "course"),
    "observations": (Observation, "observation"),
    "dimensions": (Dimension, "dimension"),
    "areas": (Area, "area"),
    "owners": (Owner, "owner"),
}
# Single-mapping sections (one per KB; validated, then available as kb.settings / kb.sections).
MAP_SECTIONS: dict[str, type[BaseModel]] = {"settings": Settings, "plan_policy": PlanPolicy}


def default_kb_dir() -> Path:
    """The bundled KB: inside the installed package, or the repository root in a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_default_kb"
    if (packaged / "rules").is_dir():
        return packaged
    return here.parent


def resolve_kb_dir(kb: str | os.PathLike[str] | None) -> Path:
    if kb:
        return Path(kb)
    env = os.environ.get("PERFDX_KB")
    return Path(env) if env else default_kb_dir()


def kb_files(root: Path) -> list[Path]:
    """The files a KB is made of, in a stable order."""
    found: list[Path] = []
    for sub in ("knowledge_base", "rules"):
        d = root / sub
        if d.is_dir():
            found.extend(p for p in d.iterdir()
                         if p.suffix in (".yaml", ".yml") and p.is_file())
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def display_path(root: Path, rel: str) -> str:
    """A KB file as the user can open it: relative to the working directory when inside it."""
    full = root / rel
    try:
        return full.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(full)


def content_hash(files: list[KBFile]) -> str:
    digest = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.path):
        digest.update(f.path.encode("utf-8") + b"\0")
        digest.update(len(f.data).to_bytes(8, "big"))
        digest.update(f.data)
    return digest.hexdigest()



def load_kb(kb: str | os.PathLike[str] | None = None, *, cache: bool = True) -> KnowledgeBase:
    """Load and check a KB directory (default: --kb, $PERFDX_KB, then the bundled one).

    A KB already checked with exactly these files comes from the on-disk cache (kb/cache.py)
    unless `cache` is False or PERFDX_NO_CACHE=1."""
    root = resolve_kb_dir(kb)
    files = _read_files(root) if cache and kb_cache.enabled() else None
    if files is None:
        return _load_checked(root)
    return kb_cache.cached_load(root, files, content_hash(list(files)),
                                lambda: _load_checked(root))


def _load_checked(root: Path) -> KnowledgeBase:
    kb_obj, problems = load_kb_with_problems(root)
    if kb_obj is None or any(p.severity == "error" for p in problems):
        raise KnowledgeBaseError(problems)
    return kb_obj


def _read_files(root: Path) -> tuple[KBFile, ...] | None:
    """The KB's files as the loader reads them, or None when the loader itself should look
    (no such folder, a file too big or unreadable: it reports those)."""
    try:
        if not root.is_dir():
            return None
        files = []
        for path in kb_files(root):
            if path.stat().st_size > MAX_BYTES:
                return None
            files.append(KBFile(path.relative_to(root).as_posix(), path.read_bytes()))
    except OSError:
        return None
    return tuple(files)


def load_kb_with_problems(kb: str | os.PathLike[str] | None = None
                          ) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Load a KB and return it with every problem found (None when it cannot be built)."""
    from .loader import load_with_problems  # only when the cache cannot answer (start-up)

    return load_with_problems(kb)
