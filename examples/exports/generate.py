"""Synthetic HR exports for the demo, the tests and `make bench` (no real person in them).

    python examples/exports/generate.py                      # rewrites department_2026q3.csv
    python examples/exports/generate.py --employees 2000 --out /tmp/big.csv
    python examples/exports/generate.py --long --rows 100000 --out /tmp/long.csv

The bundled export is written the way a real one arrives: UTF-8 with a BOM (Excel's "CSV UTF-8"),
CRLF line ends, a quoted line break inside a note, a blank row, one wrong value, and a column the
mapping ignores. One team (Finance - Group reporting) shares a systemic problem: a five-step
approval chain since July holds up the month-end close for most of its members.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = [
    "Employee ID", "Name", "Job title", "Team", "Manager", "Grade", "Tenure (months)",
    "Sales growth target (%)", "Sales growth actual (%)", "Customer satisfaction (/5)",
    "Close cycle (days)", "Report accuracy (%)", "First contact resolution (%)",
    "On-time delivery (%)", "Output per hour",
    "Manager rating: professional knowledge", "Peer rating: teamwork",
    "Knows expectations", "Has the tools", "Could do it if the job depended on it",
    "Did it well before", "Engagement (1-5)", "Approval steps", "Waiting time share",
    "Process changed recently", "Gender", "Age band", "Badge colour", "Notes",
]
# team -> (manager, job title, KPI columns it is measured on: column -> (target, good, bad))
TEAMS = {
    "Sales - East": ("Zhao Min", "Sales representative", {
        "Sales growth actual (%)": (15, (14, 22), (3, 9)),
        "Customer satisfaction (/5)": (4.0, (4.0, 4.8), (3.2, 3.6))}),
    "Sales - North": ("Sun Hao", "Sales representative", {
        "Sales growth actual (%)": (15, (14, 22), (3, 9)),
        "Customer satisfaction (/5)": (4.0, (4.0, 4.8), (3.2, 3.6))}),
    "Finance - Group reporting": ("Wang Qiang", "Financial analyst", {
        "Close cycle (days)": (5, (4, 5), (8, 9)),
        "Report accuracy (%)": (95, (95, 99), (88, 91))}),
    "Customer service": ("Li Na", "Service agent", {
        "First contact resolution (%)": (75, (75, 85), (55, 62)),
        "Customer satisfaction (/5)": (4.0, (4.0, 4.7), (3.2, 3.6))}),
    "Engineering - Platform": ("Chen Jie", "Software engineer", {
        "On-time delivery (%)": (90, (90, 99), (65, 75))}),
    "Operations - Warehouse": ("Huang Lei", "Warehouse operator", {
        "Output per hour": (40, (40, 48), (28, 32))}),
}
SYSTEMIC = "Finance - Group reporting"
GIVEN = ["Wei", "Fang", "Jun", "Lin", "Yan", "Tao", "Ming", "Hui", "Qing", "Bo", "Xin", "Lei"]
FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu"]


def _person(rng: random.Random, n: int, team: str) -> dict[str, str]:
    manager, title, kpis = TEAMS[team]
    row = dict.fromkeys(HEADER, "")
    row.update({"Employee ID": f"E{n:05d}", "Name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                "Job title": title, "Team": team, "Manager": manager,
                "Grade": rng.choice(["L2", "L3", "L4"]), "Tenure (months)": str(rng.randint(3, 120)),
                "Gender": rng.choice(["female", "male"]),
                "Age band": rng.choice(["under 30", "30-44", "45 and over"]),
                "Badge colour": rng.choice(["blue", "green", "grey"]),
                "Knows expectations": "Y", "Has the tools": "Y", "Did it well before": "Y",
                "Could do it if the job depended on it": "Y",
                "Engagement (1-5)": str(rng.choice([3.5, 4, 4.5])),
                "Manager rating: professional knowledge": str(rng.choice([3.5, 4, 4.5])),
                "Peer rating: teamwork": str(rng.choice([3.5, 4, 4.5])),
                "Approval steps": str(rng.choice([1, 2])),
                "Waiting time share": str(rng.choice([0.05, 0.1, 0.15])),
                "Process changed recently": "N"})
    systemic = team == SYSTEMIC and rng.random() < 0.85
    # outside the systemic team, one person in six has a gap of their own, with its own cause
    personal = None if team == SYSTEMIC else rng.choices(
        [None, "skill", "motivation", "tools"], [15, 1, 1, 1])[0]
    gap = systemic or personal is not None
    for column, (target, good, bad) in kpis.items():
        lo, hi = bad if gap else good
        value = rng.uniform(lo, hi)
        row[column] = f"{value:.1f}" if isinstance(target, float) or column.endswith(
            "(%)") else str(round(value))
    if "Sales growth actual (%)" in kpis:
        row["Sales growth target (%)"] = "15"
    if systemic:
        row.update({"Approval steps": str(rng.choice([5, 5, 6])),
                    "Waiting time share": str(rng.choice([0.35, 0.4, 0.45])),
                    "Process changed recently": "Y"})
    elif personal == "skill":
        row.update({"Could do it if the job depended on it": "N", "Did it well before": "N",
                    "Manager rating: professional knowledge": "2"})
    elif personal == "motivation":
        row.update({"Engagement (1-5)": "2"})
    elif personal == "tools":
        row.update({"Has the tools": "N"})
    return row


def population(employees: int, seed: int = 12) -> list[dict[str, str]]:
    rng = random.Random(seed)
    teams = list(TEAMS)
    return [_person(rng, i + 1, teams[i % len(teams)]) for i in range(employees)]


def write_example(path: Path, employees: int = 240) -> None:
    rows = population(employees)
    rows[4]["Notes"] = "Moved to the new CRM in August,\nstill learning the reports"
    rows[18]["Sales growth actual (%)"] = "n/a"  # the wrong value
    rows[40]["Has the tools"] = "maybe"  # a second wrong value, in another column
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM, as Excel writes it
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(HEADER)
        for i, r in enumerate(rows):
            if i == 100:
                w.writerow([])  # a blank row, as left behind by a hand edit
            w.writerow([r[c] for c in HEADER])


def write_plain(path: Path, employees: int, seed: int = 12) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for r in population(employees, seed):
            w.writerow([r[c] for c in HEADER])


LONG_HEADER = ["Employee ID", "Job title", "Team", "Manager", "Tenure (months)", "Period", "KPI",
               "Target", "Actual", "Gender"]


def write_long(path: Path, rows: int, seed: int = 7) -> None:
    """A long export of `rows` rows: 10 monthly results per employee, employees interleaved
    (each employee's rows are not adjacent), streamed to disk."""
    rng = random.Random(seed)
    per = 10
    people = max(1, rows // per)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(LONG_HEADER)
        written = 0
        for month in range(per):
            for p in range(people):
                if written >= rows:
                    return
                team = list(TEAMS)[p % len(TEAMS)]
                w.writerow([f"E{p + 1:06d}", TEAMS[team][1], team, TEAMS[team][0],
                            str(12 + p % 100), f"2026-{month + 1:02d}", "Sales growth", "15",
                            f"{rng.uniform(5, 20):.1f}", "female" if p % 2 else "male"])
                written += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=240)
    parser.add_argument("--long", action="store_true", help="a long export (see --rows)")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=HERE / "department_2026q3.csv")
    args = parser.parse_args()
    if args.long:
        write_long(args.out, args.rows)
    elif args.out == HERE / "department_2026q3.csv":
        write_example(args.out, args.employees)
    else:
        write_plain(args.out, args.employees)


if __name__ == "__main__":
    main()
