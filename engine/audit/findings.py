"""One problem `verify` found (records, checkpoints, the witness file or the schema)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import Lang
from .store import Row
from .words import w

_TRANSLATED = ("what", "why")  # values that are themselves phrase keys


@dataclass(frozen=True)
class Finding:
    """One problem; `row` is the record it names (None for problems of the log as a whole, whose
    `where` then says what it concerns: a checkpoint, the witness file, the schema)."""

    code: str  # a key of words.py without its "f_"
    row: Row | None = None
    values: dict[str, str] = field(default_factory=dict)
    where: str = ""  # e.g. "checkpoint 3 (5 records)"; empty: the log
    rank: int = 0  # order among problems without a record
    named: bool = False  # the message itself names what it concerns (no `where` before it)

    def message(self, lang: Lang = "en") -> str:
        values = dict(self.values)
        if "missing" in values:
            values["missing"] = w("f_missing", lang, n=values["missing"]) \
                if values["missing"] else ""
        for key in _TRANSLATED:
            if key in values:
                values[key] = w(values[key], lang)
        return w("f_" + self.code, lang, **values)

    @property
    def order(self) -> tuple[int, int]:
        return (self.row.seq, 0) if self.row else (1 << 62, self.rank)
