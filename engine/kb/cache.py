"""The checked knowledge, cached on disk: a KB whose files have not changed loads in a few ms.

An entry is keyed by everything the loaded KB depends on: the KB's content hash (its files'
bytes), perfdx's version and the source of the code that loads and checks a KB, the Python
version and the versions of pydantic and PyYAML. It holds the loaded KnowledgeBase as plain JSON
data (kb/codec.py: nothing in it is ever run). A changed file or another version is another key;
an entry that is damaged, truncated, of another format or not the caller's own (owner-only: the
folder 0700, the files 0600) is ignored and rebuilt. So the cache can make a load faster, never
its answer different. `PERFDX_NO_CACHE=1` turns it off; `PERFDX_CACHE_DIR` moves it (default:
the user's cache directory, e.g. ~/.cache/perfdx).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from .. import __version__
from .base import KBFile, KnowledgeBase
from .codec import Uncacheable, dumps, loads

FORMAT = 1
KEEP = 16  # entries kept: the newest written
_SOURCE = Path(__file__).resolve().parent.parent  # engine/
# The code whose output is cached: loading, checking and the knowledge model.
_SOURCE_PARTS = ("kb", "yamlio", "errors.py", "i18n.py", "__init__.py")
_source_hash: str | None = None


def enabled() -> bool:
    return os.environ.get("PERFDX_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    env = os.environ.get("PERFDX_CACHE_DIR")
    if env:
        return Path(env) / "kb"
    import platformdirs  # only when the cache is used: it costs a few ms to import

    return Path(platformdirs.user_cache_dir("perfdx", appauthor=False)) / "kb"


def source_hash() -> str:
    """sha256 over the source files of the code that builds a KnowledgeBase (once a process)."""
    global _source_hash
    if _source_hash is None:
        digest = hashlib.sha256()
        paths: list[Path] = []
        for part in _SOURCE_PARTS:
            p = _SOURCE / part
            paths.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
        for p in paths:
            data = p.read_bytes()
            digest.update(p.relative_to(_SOURCE).as_posix().encode() + b"\0")
            digest.update(len(data).to_bytes(8, "big") + data)
        _source_hash = digest.hexdigest()
    return _source_hash


def cache_key(kb_hash: str) -> str:
    import pydantic
    import yaml

    material = {"format": FORMAT, "kb": kb_hash, "perfdx": __version__, "source": source_hash(),
                "python": sys.version, "pydantic": pydantic.VERSION, "pyyaml": yaml.__version__}
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


_SKIP = ("root", "hash", "files")  # known from the files just read


def _owned(st: os.stat_result, *, folder: bool) -> bool:
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    kind = stat.S_ISDIR(st.st_mode) if folder else stat.S_ISREG(st.st_mode)
    return kind and st.st_mode & 0o077 == 0


def read(path: Path, key: str, root: Path, kb_hash: str, files: tuple[KBFile, ...]
         ) -> KnowledgeBase | None:
    """The cached KB, or None when there is no usable entry (missing, damaged, not ours)."""
    try:
        if not _owned(os.stat(path.parent), folder=True):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            if not _owned(os.fstat(fh.fileno()), folder=False):
                return None
            data = fh.read()
    except OSError:
        return None
    try:
        header, _, body = data.partition(b"\n")
        meta = json.loads(header)
        if meta != {"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}:
            return None
        stored = loads(body.decode("utf-8"))
        if not isinstance(stored, dict) or set(stored) != _FIELDS:
            return None
        return KnowledgeBase(root=root, hash=kb_hash, files=files, **stored)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, RecursionError):
        return None


_FIELDS = {f.name for f in fields(KnowledgeBase)} - set(_SKIP)


def write(path: Path, key: str, kb: KnowledgeBase) -> None:
    """Store an entry (atomically, owner-only); a KB the codec cannot hold is not stored."""
    try:
        body = dumps({f: getattr(kb, f) for f in sorted(_FIELDS)}).encode("utf-8")
    except Uncacheable:
        return
    header = json.dumps({"format": FORMAT, "key": key,
                         "sha256": hashlib.sha256(body).hexdigest()}).encode()
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _owned(os.stat(folder), folder=True):
            return
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(header + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except OSError:
        return  # a cache that cannot be written only makes the next load slower


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def cached_load(root: Path, files: tuple[KBFile, ...], kb_hash: str,
                build: Callable[[], KnowledgeBase]) -> KnowledgeBase:
    """The KB from the cache when an entry for exactly these files and this perfdx exists;
    otherwise `build()` (which raises on a KB with errors: such a KB is never cached)."""
    if not enabled():
        return build()
    key = cache_key(kb_hash)
    path = cache_dir() / f"{key}.json"
    found = read(path, key, root, kb_hash, files)
    if found is not None:
        return found
    kb = build()
    if kb.hash == kb_hash:  # the files did not change while they were read
        write(path, key, kb)
    return kb


def decoded_fields(kb: KnowledgeBase) -> dict[str, Any]:
    """The fields an entry holds, decoded again (for tests: a round trip changes nothing)."""
    stored = loads(dumps({f: getattr(kb, f) for f in sorted(_FIELDS)}))
    assert isinstance(stored, dict)
    return stored
