"""Working days: Monday to Friday, minus the policy's holidays, plus its make-up working days."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.errors import InputError
from engine.kb.policy import PlanPolicy
from engine.plan.calendar import WorkCalendar, monday_of

D = dt.date
# 2027-01-01 is a Friday (New Year's Day); 2026-12-26/27 a weekend.
CAL = WorkCalendar.from_policy(PlanPolicy.model_validate({
    "holidays": [D(2027, 1, 1), {"from": D(2027, 2, 8), "to": D(2027, 2, 12), "name": "week off"}],
    "extra_working_days": [D(2027, 2, 20)]}))


@pytest.mark.parametrize(("day", "working"), [
    (D(2026, 12, 31), True),   # Thursday
    (D(2027, 1, 1), False),    # a holiday on a Friday
    (D(2027, 1, 2), False),    # Saturday
    (D(2027, 1, 3), False),    # Sunday
    (D(2027, 2, 10), False),   # inside a holiday range
    (D(2027, 2, 20), True),    # a Saturday made a working day
])
def test_working_days(day: dt.date, working: bool) -> None:
    assert CAL.is_working(day) is working


@pytest.mark.parametrize(("after", "expected"), [
    (D(2026, 10, 9), D(2026, 10, 12)),   # Friday -> Monday
    (D(2026, 12, 31), D(2027, 1, 4)),    # skips the holiday and the weekend
    (D(2027, 2, 5), D(2027, 2, 15)),     # skips a week of holidays
])
def test_next_working_day_after(after: dt.date, expected: dt.date) -> None:
    assert CAL.next_after(after) == expected


@pytest.mark.parametrize(("start", "days", "expected"), [
    (D(2026, 10, 12), 90, D(2027, 1, 8)),   # 2027-01-10 is a Sunday: back to Friday
    (D(2026, 11, 2), 60, D(2026, 12, 31)),  # 2027-01-01 is a holiday: back to Thursday
    (D(2026, 10, 12), 1, D(2026, 10, 13)),
    (D(2027, 1, 8), 1, D(2027, 1, 11)),     # never on or before the start
])
def test_end_of_a_span(start: dt.date, days: int, expected: dt.date) -> None:
    assert CAL.day(start, days) == expected


def test_weekly_dates_move_off_a_holiday_within_the_week() -> None:
    cal = WorkCalendar(frozenset({D(2026, 12, 24)}), frozenset())
    assert cal.weekly(D(2026, 12, 14), D(2027, 1, 8), "thursday") == [
        D(2026, 12, 17), D(2026, 12, 25), D(2026, 12, 31), D(2027, 1, 7)]


def test_weekly_dates_skip_a_week_without_working_days_left() -> None:
    assert CAL.weekly(D(2027, 2, 1), D(2027, 2, 26), "thursday") == [
        D(2027, 2, 4), D(2027, 2, 18), D(2027, 2, 25)]


def test_the_first_weekly_date_is_after_the_start() -> None:
    assert CAL.weekly(D(2026, 10, 15), D(2026, 10, 30), "thursday") == [
        D(2026, 10, 22), D(2026, 10, 29)]


def test_working_days_of_a_week_within_the_plan() -> None:
    assert CAL.week_days(monday_of(D(2026, 12, 30)), D(2026, 12, 30), D(2027, 1, 8)) == [
        D(2026, 12, 30), D(2026, 12, 31)]


def test_a_holiday_list_blocking_a_whole_year_is_refused() -> None:
    cal = WorkCalendar.from_policy(PlanPolicy.model_validate(
        {"holidays": [{"from": D(2027, 1, 1), "to": D(2028, 12, 31)}]}))
    with pytest.raises(InputError) as err:
        cal.next_after(D(2026, 12, 31))
    assert str(err.value) == ("the plan policy's holidays leave no working day within a year of "
                              "2027-01-01 (check `holidays` in the plan policy)")


def test_a_plan_in_a_year_without_listed_holidays_says_so(run) -> None:
    out = run("plan", "examples/cases/sales_rep_new_crm.yaml", "--start", "2028-10-02",
              "--no-record").stdout
    assert ("- The holiday list in the plan policy has no dates for 2028: dates in those years "
            "skip weekends only.") in out
    covered = run("plan", "examples/cases/sales_rep_new_crm.yaml", "--no-record").stdout
    assert "The holiday list in the plan policy has no dates" not in covered
