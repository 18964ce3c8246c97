"""Redaction: case fields replaced by a keyed hash before a decision is recorded.

A redacted value becomes ``hmac-sha256:<hex>`` keyed with the log's own random key, so the same
employee id gives the same token within one log (an auditor can still find that employee's
records with `audit list --employee ID`), while a token copied out of the log (an export) cannot
be reversed by hashing guessed ids without that key. The same value is replaced wherever it
appears in the recorded result (the diagnosis repeats the employee id, the reviewer ...).
A redacted record cannot be replayed: its case is no longer the case that was diagnosed.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from hashlib import sha256
from typing import Any

from ..errors import did_you_mean
from .chain import canonical
from .errors import AuditError

TOKEN_PREFIX = "hmac-sha256:"
# Fields that say who the person is or what was said about them. Vocabulary fields (KPI names,
# observation names, periods) are not personal and are needed to read the record.
REDACTABLE = (
    "case_id", "employee.id", "employee.name", "employee.role", "employee.department",
    "employee.level", "employee.manager", "employee.reviewer", "employee.group", "notes",
    "metrics.note", "ratings.comment", "observations.note", "concerns.description",
)


def redactable_fields() -> list[str]:
    """Case fields that --redact accepts (a list field applies to every element)."""
    return list(REDACTABLE)


def check_fields(fields: Sequence[str]) -> list[str]:
    """The fields, split on commas and checked; an unknown one is an AuditError with a hint."""
    allowed = redactable_fields()
    out: list[str] = []
    for item in fields:
        for name in (p.strip() for p in item.split(",")):
            if not name:
                continue
            if name not in allowed:
                raise AuditError(f"{name!r} is not a case field that can be redacted",
                                 hint=did_you_mean(name, allowed) or
                                 "fields: " + ", ".join(allowed))
            if name not in out:
                out.append(name)
    return out


def token(key: str, value: Any) -> str:
    return TOKEN_PREFIX + hmac.new(key.encode("ascii"), canonical(value), sha256).hexdigest()


def _replace(node: Any, path: list[str], key: str, seen: list[Any]) -> Any:
    if not path:
        if node is None or (isinstance(node, str) and node.startswith(TOKEN_PREFIX)):
            return node
        seen.append(node)
        return token(key, node)
    if isinstance(node, list):
        return [_replace(item, path, key, seen) for item in node]
    if isinstance(node, dict) and path[0] in node:
        return {**node, path[0]: _replace(node[path[0]], path[1:], key, seen)}
    return node


def _sweep(node: Any, values: dict[str, str]) -> Any:
    if isinstance(node, str):
        return values.get(node, node)
    if isinstance(node, list):
        return [_sweep(item, values) for item in node]
    if isinstance(node, dict):
        return {k: _sweep(v, values) for k, v in node.items()}
    return node


def redact(case: dict[str, Any], result: Any, fields: Sequence[str], key: str
           ) -> tuple[dict[str, Any], Any]:
    """The case with `fields` hashed, and the result with the same text values hashed."""
    seen: list[Any] = []
    for name in fields:
        case = _replace(case, name.split("."), key, seen)
    texts = {v: token(key, v) for v in seen if isinstance(v, str) and v}
    return case, _sweep(result, texts)
