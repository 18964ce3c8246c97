"""Working days: Monday to Friday, minus the policy's holidays, plus its make-up working days.

Every date a plan prints goes through here, so none falls on a weekend or a holiday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import InputError
from ..kb.policy import WEEKDAYS, PlanPolicy

_DAY = dt.timedelta(days=1)
# A holiday list that blocks more than this many days in a row is a mistake, not a calendar.
_SEARCH_LIMIT = 366


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[dt.date]
    extra_working_days: frozenset[dt.date]

    @classmethod
    def from_policy(cls, policy: PlanPolicy) -> WorkCalendar:
        return cls(frozenset(policy.holiday_dates()), frozenset(policy.extra_working_days))

    def is_working(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        return day.weekday() < 5 or day in self.extra_working_days

    def _walk(self, start: dt.date, step: dt.timedelta) -> dt.date:
        day = start
        for _ in range(_SEARCH_LIMIT):
            if self.is_working(day):
                return day
            day += step
        raise InputError(f"the plan policy's holidays leave no working day within a year of "
                         f"{start.isoformat()}", hint="check `holidays` in the plan policy")

    def on_or_after(self, day: dt.date) -> dt.date:
        return self._walk(day, _DAY)

    def on_or_before(self, day: dt.date) -> dt.date:
        return self._walk(day, -_DAY)

    def next_after(self, day: dt.date) -> dt.date:
        """The first working day after `day` (the default plan start after a case's as_of)."""
        return self.on_or_after(day + _DAY)

    def day(self, start: dt.date, days: int) -> dt.date:
        """The working day that ends a span of `days` calendar days from `start`: the last
        working day on or before start + days, and never on or before `start` itself."""
        found = self.on_or_before(start + dt.timedelta(days=days))
        return found if found > start else self.next_after(start)

    def weekly(self, start: dt.date, end: dt.date, weekday: str) -> list[dt.date]:
        """One date a week on `weekday`, after `start` and up to `end`; a holiday moves it to
        the next working day of the same week (or drops it when the week has none left)."""
        wanted = WEEKDAYS.index(weekday)  # type: ignore[arg-type]
        first = start + dt.timedelta(days=(wanted - start.weekday()) % 7 or 7)
        out: list[dt.date] = []
        day = first
        while day <= end:
            moved = day
            while not self.is_working(moved) and moved.weekday() < 5:
                moved += _DAY
            if self.is_working(moved) and moved <= end and moved not in out:
                out.append(moved)
            day += dt.timedelta(days=7)
        return out

    def week_days(self, monday: dt.date, start: dt.date, end: dt.date) -> list[dt.date]:
        """The working days of the week beginning `monday` that fall within start..end."""
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        return [d for d in days if start <= d <= end and self.is_working(d)]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
