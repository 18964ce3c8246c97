"""Errors of the decision log (part of the one hierarchy rooted in engine.errors.PerfdxError)."""

from __future__ import annotations

from ..errors import PerfdxError


class AuditError(PerfdxError):
    """The decision log cannot do what was asked: missing or damaged file, unknown record id,
    a replay that is impossible, a purge the retention floor forbids."""
