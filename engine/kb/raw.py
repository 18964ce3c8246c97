"""The KB files as written: parsed YAML with positions, indexed by rule id and catalog entry.

The loader turns files into checked models and drops what is broken; the authoring tools also
need what was written (a disabled rule for `kb diff`, the line of a label for `kb check`), and the
ids of entries that could not be loaded, so that one broken entry or one file with a YAML syntax
error does not make every reference to it an "unknown name" as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..yamlio import PosDict, PosList, parse
from .base import KBFile

_SECTION = re.compile(r"^([a-z_]+)\s*:")
_ENTRY_ID = re.compile(r"^\s*-\s+id\s*:\s*[\"']?([A-Za-z0-9_\-]+)")


@dataclass(frozen=True)
class Written:
    """One rule, catalog entry or section as written."""

    file: str  # relative to the KB root
    node: PosDict
    path: tuple[Any, ...]  # where it sits in its file, e.g. ("rules", 3)


@dataclass
class RawKB:
    """Every readable KB file as position-carrying data."""

    docs: dict[str, Any] = field(default_factory=dict)  # relative path -> parsed document
    unreadable: dict[str, str] = field(default_factory=dict)  # relative path -> text
    rules: dict[str, Written] = field(default_factory=dict)  # by rule id
    entries: dict[tuple[str, str], Written] = field(default_factory=dict)  # by (section, id)
    sections: dict[str, Written] = field(default_factory=dict)  # single-mapping sections

    def rule_node(self, rule_id: str) -> PosDict | None:
        found = self.rules.get(rule_id)
        return found.node if found else None

    def entry_node(self, section: str, entry_id: str) -> PosDict | None:
        found = self.entries.get((section, entry_id))
        return found.node if found else None


def read_raw(files: Iterable[KBFile]) -> RawKB:
    """Parse KB files again, keeping positions; files that do not parse are kept as text."""
    raw = RawKB()
    for f in files:
        try:
            text = f.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        try:
            doc = parse(text, f.path)
        except InputError:
            raw.unreadable[f.path] = text
            continue
        raw.docs[f.path] = doc
        if not isinstance(doc, PosDict):
            continue
        for section, value in doc.items():
            if isinstance(value, PosDict):
                raw.sections.setdefault(str(section), Written(f.path, value, (section,)))
            if not isinstance(value, PosList):
                continue
            for i, item in enumerate(value):
                if not isinstance(item, PosDict) or not isinstance(item.get("id"), str):
                    continue
                written = Written(f.path, item, (section, i))
                if section == "rules":
                    raw.rules.setdefault(item["id"], written)
                else:
                    raw.entries.setdefault((str(section), item["id"]), written)
    return raw


def ids_in_text(text: str) -> dict[str, set[str]]:
    """Catalog ids written in a file that does not parse: `- id: x` lines under `section:`.

    A best-effort reading, used only so that a syntax error in one catalog file is reported once
    instead of again at every rule that refers to one of its entries.
    """
    found: dict[str, set[str]] = {}
    section: str | None = None
    for line in text.splitlines():
        top = _SECTION.match(line)
        if top:
            section = top.group(1)
            continue
        entry = _ENTRY_ID.match(line)
        if entry and section:
            found.setdefault(section, set()).add(entry.group(1))
    return found


def written_ids(files: Iterable[KBFile]) -> dict[str, set[str]]:
    """Every catalog id written in the KB's catalog files, loaded or not, by section."""
    found: dict[str, set[str]] = {}
    for f in files:
        if not f.path.startswith("knowledge_base/"):
            continue
        text = f.data.decode("utf-8-sig", errors="replace")
        for section, ids in ids_in_text(text).items():
            found.setdefault(section, set()).update(ids)
    return found
