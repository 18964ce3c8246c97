"""The hash chain: canonical serialisation, content hashes and record hashes.

Canonical serialisation (what every hash is taken over): JSON with object keys sorted by Unicode
code point, no whitespace (separators "," and ":"), non-ASCII characters written as themselves,
UTF-8 encoded; numbers as Python writes them (integers as integers, floats in their shortest
round-trip form); NaN and infinities refused.

A record is split in two so that retention can purge personal data without breaking the chain:

- its *content* (the case, the result, a review's note ...) is stored as canonical JSON and
  hashed on its own: ``content_hash = sha256(content bytes)``;
- its *header* holds who, when, what kind, which KB and perfdx version, the content hash and the
  previous record's hash: ``record_hash = sha256(b"perfdx-audit-v1\\n" + canonical(header))``.

Purging deletes the content and keeps the content hash (a tombstone), so every record hash can
still be recomputed and the chain verified. The first record links to GENESIS (64 zeros).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
_DOMAIN = b"perfdx-audit-v1\n"  # so a record hash can never equal a hash of something else


def canonical(value: Any) -> bytes:
    """The canonical serialisation of JSON data (see the module docstring)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Header:
    """The hashed part of a record that survives a purge."""

    id: str
    kind: str  # diagnose | plan | review | contest | purge
    created: str  # UTC, ISO 8601 with microseconds and a Z
    operator: str  # who ran perfdx: the OS user or --operator
    perfdx: str  # engine.__version__ that wrote the record
    kb: str | None  # content hash of the knowledge base used (decisions only)
    subject: str | None  # the record a review, contest refers to
    content: str  # sha256 of the content bytes
    prev: str  # record hash of the previous record, GENESIS for the first

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "created": self.created,
                "operator": self.operator, "perfdx": self.perfdx, "kb": self.kb,
                "subject": self.subject, "content": self.content, "prev": self.prev}

    def leaf_input(self) -> bytes:
        """The bytes the record hash is taken over: also the record's leaf in the Merkle tree."""
        return _DOMAIN + canonical(self.as_dict())

    def hash(self) -> str:
        return sha256(self.leaf_input())
