"""What worked before: a track record per intervention and cause pattern, built from the case
library (engine/tracking) and handed to the analysis as data, never imported by reasoning.

Among recommendations of equal priority, an intervention whose record rests on at least
`min_track_record` closed cases (knowledge_base/settings.yaml, default 3) is ordered by the
share of those cases that met their goal; one without such a record counts as even chances
(50%). Ties keep the usual order (certainty, then name). The ordering is a trace step and a
line of HOW; the snapshot used is stored with the decision so a replay is identical.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

EVEN = 0.5  # the share an intervention without a usable record counts as


class TrackEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    pattern: str
    intervention: str
    n: int = Field(ge=1)  # closed cases (withdrawn left out)
    met: int = Field(ge=0)  # of those, how many met their goal


class TrackRecord(BaseModel):
    """A snapshot of the library's track record (sorted, so equal records are equal bytes)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    entries: list[TrackEntry]

    def entry(self, intervention: str, pattern: str) -> TrackEntry | None:
        return next((e for e in self.entries
                     if e.intervention == intervention and e.pattern == pattern), None)

    def share(self, intervention: str, pattern: str, minimum: int) -> float:
        """The share met, where the record rests on `minimum` cases or more; else EVEN."""
        e = self.entry(intervention, pattern)
        return e.met / e.n if e is not None and e.n >= minimum else EVEN
