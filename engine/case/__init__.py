"""Input: the Case model, reading case files, and checking a case against the KB's names."""

from .check import check_case
from .load import load_case, load_case_text, parse_case
from .model import (
    MAX_ITEMS,
    UNKNOWN,
    Case,
    Concern,
    Employee,
    HistoryPoint,
    LoadedCase,
    Metric,
    ObservationIn,
    Rating,
)

__all__ = ["MAX_ITEMS", "UNKNOWN", "Case", "Concern", "Employee", "HistoryPoint", "LoadedCase", "Metric",
           "ObservationIn", "Rating", "check_case", "load_case", "load_case_text", "parse_case"]
