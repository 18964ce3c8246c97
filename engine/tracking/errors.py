"""Errors of follow-through (part of the one hierarchy rooted in engine.errors.PerfdxError)."""

from __future__ import annotations

from ..errors import InputError


class TrackingError(InputError):
    """A tracking record cannot be made as asked: an unknown plan, KPI or course, a date before
    the plan started, a value of the wrong type, a check-in on a closed plan. Nothing is written."""
