"""`perfdx batch map`: a first mapping drafted from an export's header.

Each column is matched by name: employee fields by the usual header words (English and Chinese),
KPIs, observations and rating dimensions against the KB's ids and labels with "did you mean".
What cannot be matched is listed under `ignore:` with a comment, for a human to finish.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ...kb.base import KnowledgeBase
from .sources import is_blank, read_rows

_EMPLOYEE = {
    "id": ("employee id", "employee_id", "emp id", "empid", "staff id", "employee no",
           "employee number", "id", "工号", "员工编号", "员工号"),
    "role": ("role", "job title", "title", "position", "job", "岗位", "职位"),
    "department": ("department", "dept", "team", "unit", "部门", "团队"),
    "manager": ("manager", "line manager", "supervisor", "reports to", "经理", "直属上级", "上级"),
    "level": ("level", "grade", "band", "职级", "级别"),
    "tenure_months": ("tenure", "tenure months", "tenure (months)", "months in role",
                      "司龄", "司龄(月)"),
    "name": ("name", "employee name", "full name", "姓名"),
}
_CASE = {"period": ("period", "review period", "quarter", "month", "考核期", "期间"),
         "as_of": ("as of", "as_of", "date", "review date", "日期")}
_GROUP = ("gender", "sex", "age", "age band", "age_band", "ethnicity", "nationality",
          "disability", "性别", "年龄", "年龄段")
_TARGET = re.compile(r"\b(target|goal|plan|目标)\b|目标", re.I)
_ACTUAL = re.compile(r"\b(actual|result|achieved|实际)\b|实际", re.I)
_RATING = re.compile(r"\b(rating|score|评分|得分)\b|评分|得分", re.I)
_SOURCES = {"supervisor": ("manager", "supervisor", "mgr", "上级", "经理"),
            "peer": ("peer", "同事"), "customer": ("customer", "client", "客户"),
            "self": ("self", "自评"), "subordinate": ("subordinate", "report", "下属")}


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-()（）%]+", " ", text.strip().lower()).strip()


def _closest(word: str, names: dict[str, str]) -> tuple[str, float] | None:
    """The KB id whose id or label is closest to `word` (names: spelling -> id)."""
    best = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
    if not best:
        return None
    return names[best[0]], difflib.SequenceMatcher(None, word, best[0]).ratio()


@dataclass
class Draft:
    lines: list[str] = field(default_factory=list)
    matched: int = 0
    unmatched: int = 0


def draft_mapping(path: str, kb: KnowledgeBase, *, sheet: str | None = None) -> Draft:
    rows = read_rows(path, sheet=sheet)
    header = next((r for r in rows if not is_blank(r)), None)
    columns = [c for c in (header.cells if header else ()) if c]
    used: set[str] = set()
    notes: dict[str, str] = {}

    def pick(words: tuple[str, ...]) -> str | None:
        for col in columns:
            if col not in used and _norm(col) in words:
                used.add(col)
                return col
        return None

    employee = {k: pick(v) for k, v in _EMPLOYEE.items()}
    case = {k: pick(v) for k, v in _CASE.items()}
    kpi_names = {**{_norm(k): k for k in kb.kpis},
                 **{_norm(v.name.get(lang)): k for k, v in kb.kpis.items() for lang in ("en", "zh")}}
    obs_names = {**{_norm(k): k for k in kb.observations},
                 **{_norm(v.label.get(lang)): k for k, v in kb.observations.items()
                    for lang in ("en", "zh")}}
    dim_names = {**{_norm(k): k for k in kb.dimensions},
                 **{_norm(v.label.get(lang)): k for k, v in kb.dimensions.items()
                    for lang in ("en", "zh")}}
    metrics: dict[str, dict[str, str]] = {}
    ratings, observations, group = [], [], []
    long_kpi = pick(("kpi", "metric", "指标"))
    long_actual = long_target = None
    if long_kpi:
        long_target = next((c for c in columns if c not in used and _norm(c) in
                            ("target", "目标", "目标值")), None)
        long_actual = next((c for c in columns if c not in used and _norm(c) in
                            ("actual", "实际", "实际值", "result")), None)
        used.update(c for c in (long_target, long_actual) if c)
    for col in columns:
        if col in used:
            continue
        n = _norm(col)
        if n in _GROUP:
            group.append((col, {"性别": "gender", "年龄": "age", "年龄段": "age_band"}.get(
                n, n.replace(" ", "_"))))
            used.add(col)
            continue
        role = "target" if _TARGET.search(col) else "actual" if _ACTUAL.search(col) else None
        if role:
            word = _norm(_TARGET.sub("", col) if role == "target" else _ACTUAL.sub("", col))
            found = _closest(word, kpi_names)
            if found:
                metrics.setdefault(found[0], {})[role] = col
                used.add(col)
                continue
        if _RATING.search(col):
            src = next((s for s, words in _SOURCES.items() if any(w in n for w in words)),
                       "supervisor")
            word = _norm(_RATING.sub("", col))
            for words in _SOURCES.values():
                for w in words:
                    word = word.replace(w, "").strip()
            found = _closest(word, dim_names)
            if found:
                ratings.append((col, src, found[0]))
                used.add(col)
                continue
        found = _closest(n, obs_names)
        if found:
            observations.append((col, found[0], found[1] < 1.0))
            used.add(col)
            continue
        found = _closest(n, kpi_names)
        if found:
            metrics.setdefault(found[0], {})["actual"] = col
            used.add(col)
            continue
        near = difflib.get_close_matches(n, list(kpi_names) + list(obs_names), n=1, cutoff=0.6)
        notes[col] = f"did you mean {near[0]!r}?" if near else "no KB name is close"
    return _render(path, kb, employee, case, metrics, ratings, observations, group,
                   [c for c in columns if c not in used], notes,
                   (long_kpi, case["period"], long_target, long_actual) if long_kpi else None)


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _render(path: str, kb: KnowledgeBase, employee: dict[str, str | None],
            case: dict[str, str | None], metrics: dict[str, dict[str, str]],
            ratings: list[tuple[str, str, str]], observations: list[tuple[str, str, bool]],
            group: list[tuple[str, str]], ignored: list[str], notes: dict[str, str],
            long: tuple[str, str | None, str | None, str | None] | None) -> Draft:
    d = Draft()
    out = d.lines
    out += ["# yaml-language-server: $schema=mapping.schema.json",
            f"# A draft mapping for {path}, made by `perfdx batch map` from its header.",
            "# Check every line: TODO marks what could not be matched. A plain string names a",
            "# column; {value: X} is the same value for every employee. `perfdx schema mapping`",
            "# gives the full format.",
            "mapping_version: 1",
            f"layout: {'long' if long else 'wide'}",
            "employee:"]
    for key, col in employee.items():
        if col:
            out.append(f"  {key}: {_q(col)}")
            d.matched += 1
        elif key in ("id", "role", "department", "tenure_months"):
            out.append(f"  {key}: TODO   # no column matched; name one, or give {{value: ...}}")
    out.append("case:")
    todo_date = "{value: TODO}   # the date the data describes, YYYY-MM-DD"
    out.append(f"  as_of: {_q(case['as_of']) if case['as_of'] else todo_date}")
    if not long:
        out.append(f"  period: {_q(case['period']) if case['period'] else '{value: TODO}   # e.g. 2026-Q3'}")
    out.append("  reviewer: {value: TODO}   # the human who must review every diagnosis")
    out.append("  case_id: '{period}-{employee}'")
    if long:
        kcol, pcol, tcol, acol = long
        out += ["long:", f"  kpi: {_q(kcol)}", f"  period: {_q(pcol) if pcol else 'TODO'}",
                f"  target: {_q(tcol) if tcol else 'TODO'}",
                f"  actual: {_q(acol) if acol else 'TODO'}",
                "  kpi_values: {}   # the export's KPI names -> KB ids, where they differ"]
    if metrics:
        out.append("metrics:")
        for kpi, cols in metrics.items():
            std = kb.kpis[kpi].standard
            target = _q(cols["target"]) if "target" in cols else (
                f"{{value: {std:g}}}" if std is not None else "TODO")
            actual = _q(cols["actual"]) if "actual" in cols else "TODO"
            out.append(f"  - {{kpi: {kpi}, target: {target}, actual: {actual}}}")
            d.matched += len(cols)
    if ratings:
        out.append("ratings:")
        for col, src, dim in ratings:
            out.append(f"  - {{column: {_q(col)}, source: {src}, dimension: {dim}, scale: 5}}")
            d.matched += 1
    if observations:
        out.append("observations:")
        for col, name, guessed in observations:
            spec = kb.observations[name]
            note = f"   # {spec.type}" + (" (matched by a near name: check it)" if guessed else "")
            out.append(f"  - {{column: {_q(col)}, name: {name}}}{note}")
            d.matched += 1
    if group:
        out.append("group:   # fairness statistics only; rules never see these")
        for col, attr in group:
            out.append(f"  - {{column: {_q(col)}, attribute: {attr}}}")
            d.matched += 1
    out.append("ignore:" + (" []" if not ignored else ""))
    for col in ignored:
        out.append(f"  - {_q(col)}   # TODO not matched: {notes.get(col, 'check it')}")
        d.unmatched += 1
    return d
