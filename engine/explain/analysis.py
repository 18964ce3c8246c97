"""The Analysis: a diagnosis with everything behind it, the value that explanations, plans and audit read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..case import LoadedCase
from ..kb.base import KnowledgeBase
from ..reasoning.inference import InferenceResult
from .diagnosis import Diagnosis

if TYPE_CHECKING:  # imported only where a track record is used (start-up, issue 15)
    from .track_record import TrackRecord


@dataclass(frozen=True)
class Analysis:
    """A diagnosis with everything behind it (for explanations, plans and audit)."""

    loaded: LoadedCase
    kb: KnowledgeBase
    result: InferenceResult
    diagnosis: Diagnosis
    cross_checked: int | None  # activations compared, when the cross-check ran
    track_record: TrackRecord | None = None  # the case library's record, when one was used
