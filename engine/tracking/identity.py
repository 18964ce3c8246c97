"""Who entered a tracking record: the effective OS account (as the audit-trust work records it,
never an environment variable), and the names the reviewers file registers for that account."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..audit.reviewers import load_reviewers, os_identity


def who_entered(reviewers: Path) -> dict[str, Any]:
    who = os_identity()
    names = sorted(r.name for r in load_reviewers(reviewers)
                   if r.account is not None and r.account == who["account"])
    return {**who, "registered_as": names}
