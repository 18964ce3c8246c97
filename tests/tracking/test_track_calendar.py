"""`perfdx track calendar` (issue 13, point 7): a plan's check-ins, monthly reviews and final
review with its decision points as an iCalendar file, the same bytes for the same plan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.audit import tamper
from tests.conftest import ROOT
from tests.tracking.conftest import normalised

GOLDEN = ROOT / "tests" / "golden" / "tracking"


def _ics(track, plan_id: str, *args: str) -> bytes:
    result = track("calendar", plan_id, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return bytes(result.stdout_bytes)  # click's .stdout turns CRLF into LF: the bytes as written


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_calendar_of_the_example_plan_exactly(track, plan_id: str, lang: str) -> None:
    got = normalised(_ics(track, plan_id, "--lang", lang).decode("utf-8"), plan_id)
    golden = GOLDEN / f"calendar.{lang}.ics"
    if os.environ.get("PERFDX_UPDATE_GOLDEN") == "1":
        golden.write_bytes(got.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.name}: run with PERFDX_UPDATE_GOLDEN=1"
    assert got.encode("utf-8") == golden.read_bytes()


def test_calendar_is_rfc_5545_shaped(track, plan_id: str) -> None:
    raw = _ics(track, plan_id)
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)  # every line ends CRLF, no bare LF
    assert max(len(line) for line in lines) <= 75  # folded at 75 octets
    cal = Calendar.from_ical(raw)
    events = [(str(e["uid"]), e.decoded("dtstart").isoformat(), str(e["summary"]))
              for e in cal.walk("VEVENT")]
    assert [uid for uid, _, _ in events] == [
        f"{plan_id}-{what}@perfdx" for what in (
            "checkin-1", "checkin-2", "checkin-3", "checkin-4", "review-1", "checkin-5",
            "checkin-6", "checkin-7", "review-2", "checkin-8", "checkin-9", "checkin-10",
            "decision-3")]
    assert events[4][1:] == ("2026-11-12", "E1187: monthly review 1")
    assert events[-1][1:] == ("2027-01-08", "E1187: final review 3, decision points")
    assert {e.decoded("dtstamp").isoformat() for e in cal.walk("VEVENT")} == {
        "2026-10-09T00:00:00+00:00"}  # the plan's as-of date, not the clock
    assert "Little or no progress" in str(cal.walk("VEVENT")[-1]["description"])


def test_zh_summaries(track, plan_id: str) -> None:
    cal = Calendar.from_ical(_ics(track, plan_id, "--lang", "zh"))
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert summaries[0] == "E1187:第 1 次周检"
    assert summaries[4] == "E1187:第 1 次月度回顾"
    assert summaries[-1] == "E1187:第 3 次回顾(最终),决策点"
    assert str(cal["x-wr-calname"]) == f"perfdx 改进计划 {plan_id}:E1187"


def test_the_same_plan_gives_the_same_bytes(track, plan_id: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert track("calendar", plan_id, "-o", str(first)).exit_code == 0
    assert track("calendar", plan_id, "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes() == _ics(track, plan_id)


def test_a_change_to_the_plan_moves_its_event_and_stamp(track, plan_id: str) -> None:
    result = track("adjust", plan_id, "--date", "2026-11-20", "--end", "2027-01-15",
                   "--reason", "the CRM rollout slipped a week")
    assert result.exit_code == 0, result.stderr
    events = Calendar.from_ical(_ics(track, plan_id)).walk("VEVENT")
    final = events[-1]
    assert str(final["uid"]) == f"{plan_id}-decision-3@perfdx"  # the same event, moved
    assert final.decoded("dtstart").isoformat() == "2027-01-15"
    assert {e.decoded("dtstamp").isoformat() for e in events} == {"2026-11-20T00:00:00+00:00"}


def test_an_unknown_plan_is_one_line(track, plan_id: str, db: Path) -> None:
    result = track("calendar", "0123456789ab")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"perfdx: error: {db}: no record 0123456789ab ('perfdx audit list' "
                             "shows the record ids)\n")


def test_output_into_a_missing_folder_writes_nothing(track, plan_id: str, db: Path,
                                                     tmp_path: Path) -> None:
    before = tamper.rows(db)
    target = tmp_path / "missing" / "plan.ics"
    result = track("calendar", plan_id, "-o", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"perfdx: error: {target}: cannot write: the folder "
                             f"{target.parent} does not exist\n")
    assert not target.parent.exists()
    assert tamper.rows(db) == before
