"""Tabular import (issue 12): CSV as Excel writes it (BOM, CRLF, GB18030, quoted line breaks),
XLSX, wide and long layouts, every bad row reported with its row and column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from engine.case.tabular import Population, check_mapping, load_mapping
from engine.case.tabular.sources import read_rows, sniff_delimiter, xlsx_safe
from engine.errors import InputError
from engine.kb.base import KnowledgeBase
from tests.conftest import DATA, ROOT

EXPORT = ROOT / "examples" / "exports" / "department_2026q3.csv"
MAP = ROOT / "examples" / "exports" / "department_2026q3.map.yaml"
LONG_MAP = DATA / "exports" / "long.map.yaml"


def _population(files: list[Path], map_path: Path, kb: KnowledgeBase) -> tuple:
    lm = load_mapping(str(map_path))
    check_mapping(lm, kb)
    with Population([str(f) for f in files], lm.mapping, kb) as pop:
        pop.scan()
        pop.assemble()
        return pop.counts, [str(p) for p in pop.problems()], list(pop.cases())


def test_the_bundled_export_is_as_messy_as_a_real_one() -> None:
    raw = EXPORT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM
    assert b"\r\n" in raw and b"\r\n\r\n" in raw  # CRLF, and a blank row
    assert b'"Moved to the new CRM in August,\r\nstill' in raw or \
        b'"Moved to the new CRM in August,\nstill' in raw  # a quoted line break


def test_every_bad_row_of_the_example_is_reported_with_row_and_column(kb) -> None:
    counts, problems, cases = _population([EXPORT], MAP, kb)
    name = str(EXPORT)
    assert problems == [
        f"{name}:20:Sales growth actual (%): 'n/a' is not a number (write digits only, e.g. "
        "12.5; leave it blank when not recorded)",
        f"{name}:42:Has the tools: 'maybe' is none of the values mapped for has_required_tools "
        "(Y, N) (correct the cell, or add the word to `values:` for this column in the "
        "mapping)",
    ]
    assert (counts.rows, counts.blank_rows, counts.bad_rows, counts.employees,
            counts.skipped, counts.ready) == (240, 1, 2, 240, 2, 238)
    assert len(cases) == 238 and cases[0].employee == "E00001"
    first = cases[0].data
    assert first["case_id"] == "B-2026-Q3-E00001"
    assert first["employee"]["group"] == {"gender": "male", "age_band": "under 30"}
    # the row after the quoted line break keeps its spreadsheet number
    sixth = next(c for c in cases if c.employee == "E00006")
    assert sixth.source == f"{name}:7"


def test_gb18030_semicolons_and_crlf(kb, tmp_path: Path) -> None:
    path = tmp_path / "导出.csv"
    text = ("Emp;Role;Team;KPI;Period;Target;Actual;Gender\r\n"
            "E1;销售代表;华东销售;销售增长率;2026-08;15;14;女\r\n"
            "E2;销售代表;华东销售;sales_growth;2026-09;15;6;男\r\n"
            "E1;销售代表;华东销售;销售增长率;2026-09;15;6,5;女\r\n")
    path.write_bytes(text.encode("gb18030"))
    counts, problems, cases = _population([path], LONG_MAP, kb)
    assert problems == [f"{path}:4:Actual: '6,5' is not a number (write digits only, e.g. "
                        "12.5; leave it blank when not recorded)"]
    assert [c.employee for c in cases] == ["E2"]


def test_long_layout_groups_rows_that_are_not_adjacent(kb, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Emp,Role,Team,KPI,Period,Target,Actual,Gender\n"
                    "E1,Rep,East,sales_growth,2026-07,15,15,f\n"
                    "E2,Rep,East,sales_growth,2026-09,15,16,m\n"
                    "E1,Rep,East,sales_growth,2026-09,15,6,f\n"
                    "E1,Rep,East,sales_growth,2026-08,15,12,f\n", encoding="utf-8")
    counts, problems, cases = _population([path], LONG_MAP, kb)
    assert problems == []
    e1 = cases[0].data
    assert e1["period"] == "2026-09"
    assert e1["metrics"] == [{"kpi": "sales_growth", "target": 15, "actual": 6, "history": [
        {"period": "2026-07", "actual": 15}, {"period": "2026-08", "actual": 12}]}]


def test_several_files_are_one_population(kb, tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    head = "Emp,Role,Team,KPI,Period,Target,Actual,Gender\n"
    a.write_text(head + "E1,Rep,East,sales_growth,2026-08,15,15,f\n", encoding="utf-8")
    b.write_text(head + "E1,Rep,East,sales_growth,2026-09,15,7,f\n"
                 "E1,Rep,West,sales_growth,2026-10,15,7,f\n", encoding="utf-8")
    counts, problems, cases = _population([a, b], LONG_MAP, kb)
    assert problems == [f"{b}:3: employee department 'West' differs from 'East' at {a}:2 "
                        "(one employee's details must be the same on every row)"]
    assert cases == []


def test_xlsx_wide_export_is_read_with_defusedxml(kb, tmp_path: Path) -> None:
    assert xlsx_safe()
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Q3"
    header = [c for c in next(read_rows(str(EXPORT))).cells]
    ws.append(header)
    for row in list(read_rows(str(EXPORT)))[1:4]:
        ws.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in row.cells])
    path = tmp_path / "export.xlsx"
    book.save(path)
    counts, problems, cases = _population([path], MAP, kb)
    assert problems == [] and [c.employee for c in cases] == ["E00001", "E00002", "E00003"]
    assert cases[0].data["metrics"][0] == {"kpi": "sales_growth", "target": 15,
                                           "actual": 19.5}


def test_a_mapping_with_a_typo_names_its_line(kb, tmp_path: Path) -> None:
    bad = tmp_path / "map.yaml"
    bad.write_text(MAP.read_text(encoding="utf-8").replace("kpi: report_accuracy",
                                                            "kpi: report_acuracy"),
                   encoding="utf-8")
    with pytest.raises(InputError) as err:
        check_mapping(load_mapping(str(bad)), kb)
    assert str(err.value) == (f"{bad}:23:6: metrics[3].kpi: unknown KPI 'report_acuracy' "
                              "(did you mean 'report_accuracy'?)")


def test_a_column_missing_from_the_header_stops_the_file(kb, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Emp,Role,Team,KPI,Period,Target,Actuals,Gender\n", encoding="utf-8")
    lm = load_mapping(str(LONG_MAP))
    with Population([str(path)], lm.mapping, kb) as pop, pytest.raises(InputError) as err:
        pop.scan()
    assert str(err.value) == (f"{path}:1: column 'Actual' (the mapping's long.actual) is not "
                              "in the header (did you mean 'Actuals'?)")


@pytest.mark.parametrize("line, expected", [
    ("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("a|b", "|"), ("single", ",")])
def test_delimiter_sniffing(line: str, expected: str) -> None:
    assert sniff_delimiter(line) == expected
