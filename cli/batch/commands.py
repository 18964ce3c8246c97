"""`perfdx batch run` and `perfdx batch map`: a department from HR exports."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
import yaml

from engine.audit.record import record_batch
from engine.case import parse_case
from engine.case.tabular import Population, check_mapping, load_mapping
from engine.case.tabular.draft import draft_mapping
from engine.errors import InputError
from engine.i18n import Lang
from engine.kb.load import load_kb
from engine.messages import translate
from engine.team.facts import team_facts
from engine.team.fairness import fairness
from engine.team.inference import infer_teams
from engine.team.members import Member, member_from
from engine.team.pool import BatchPool, Job, default_workers
from engine.team.report import build_summary
from engine.team.rules import team_rules

from ..options import kb_option, lang_option, output_option
from ..output import emit
from ..record_options import db_option
from .outdir import building, check_target, safe_name
from .pages import person_page
from .render_report import render_report


@click.group()
def batch() -> None:
    """Department runs: many employees from HR exports (CSV or XLSX) and a column mapping.

    \b
      perfdx batch map EXPORT -o MAP.yaml     draft a mapping from the export's header
      perfdx batch run EXPORT... --map MAP    diagnose everyone, team patterns, fairness,
                                              a report (DIR/report.html)
    """


def _say(lang: Lang, en: str, zh: str) -> str:
    return en if lang == "en" else zh


@batch.command("run")
@click.argument("exports", nargs=-1, required=True, metavar="EXPORT...")
@click.option("--map", "map_path", required=True, metavar="MAP",
              help="The mapping file (YAML) saying which column is which; draft one with "
                   "`perfdx batch map`.")
@click.option("--out", "out_dir", default="perfdx-batch", show_default=True, metavar="DIR",
              help="Output folder: diagnoses.jsonl, summary.json, report.html, people/. "
                   "Written whole or not at all; an earlier run's folder is replaced.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes. Default: every core this process may use.")
@click.option("--cases-out", "cases_out", default=None, metavar="DIR",
              help="Also write each employee's case file (YAML) into DIR, for "
                   "`perfdx diagnose` on one person.")
@click.option("--strict", is_flag=True,
              help="Refuse the whole run on any bad row (exit 1, nothing written). Without "
                   "it, bad rows are reported, their employees skipped and counted.")
@kb_option
@lang_option
@click.option("--no-record", is_flag=True, help="Do not record the decisions in the log.")
@db_option
@click.option("--operator", metavar="NAME", envvar="PERFDX_OPERATOR", default=None,
              help="Who ran perfdx, as the decision log records it.")
def run(exports: tuple[str, ...], map_path: str, out_dir: str, jobs: int | None,
        cases_out: str | None, strict: bool, kb_dir: str | None, lang: Lang, no_record: bool,
        db: str | None, operator: str | None) -> None:
    """Diagnose every employee of one or more HR exports under one mapping.

    Every row is checked first and every bad row is reported on standard error as
    `file:row:column: message (hint)`. Then all employees are diagnosed on all cores,
    team-level patterns are looked for, and the fairness check is run. DIR receives
    diagnoses.jsonl (one diagnosis per employee, in input order), summary.json,
    report.html (charts and tables, works offline) and people/ (one page per person).
    Every diagnosis is recorded in the decision log as one batch, as drafts for review.

    Exit codes: 0 ok (bad rows skipped and reported); 1 bad input, --strict with a bad
    row, or a failed check; 2 usage.
    """
    kb = load_kb(kb_dir)
    rules = team_rules(kb)
    loaded_map = load_mapping(map_path)
    check_mapping(loaded_map, kb)
    check_target(out_dir)
    if cases_out:
        check_target(cases_out, marker=None)
    with Population(list(exports), loaded_map.mapping, kb) as pop:
        pop.scan()
        pop.assemble()
        for warning in pop.counts.warnings:
            click.echo(_say(lang, f"perfdx: warning: {warning}",
                            f"perfdx:警告：{translate(warning, lang)}"), err=True)
        problems = [str(replace(p, message=translate(p.message, lang) or p.message,
                                hint=translate(p.hint, lang))) for p in pop.problems()]
        for p in problems:
            click.echo(f"perfdx: {p}", err=True)
        c = pop.counts
        if problems and strict:
            raise InputError(_say(lang, f"refused: {c.bad_rows} bad row(s) in the export(s); "
                                        "nothing was written (--strict)",
                                  f"已拒绝：导出文件中有 {c.bad_rows} 行数据有误；未写入任何内容"
                                  "（--strict）"))
        if c.ready == 0:
            raise InputError(_say(lang, "no employee could be diagnosed: every row has a "
                                        "problem, or the export has no rows",
                                  "没有可诊断的员工：所有数据行都有问题，或导出文件没有数据行"))
        members, counts = _diagnose(pop, kb, rules, jobs, lang, out_dir, cases_out, no_record,
                                    db, operator, problems, loaded_map.source, exports)
    failed = sum(1 for m in members if m.error)
    click.echo(_say(lang, f"perfdx batch: {counts['diagnosed']} diagnosed, {counts['skipped']} "
                          f"skipped ({counts['bad_rows']} bad rows), {failed} failed; "
                          f"{counts['team_findings']} team finding(s); wrote {out_dir}/",
                    f"perfdx batch：已诊断 {counts['diagnosed']} 人，跳过 {counts['skipped']} 人"
                    f"（有误数据行 {counts['bad_rows']} 行），失败 {failed} 人；团队结论 "
                    f"{counts['team_findings']} 项；已写入 {out_dir}/"), err=True)
    if failed:
        sys.exit(1)


def _diagnose(pop: Population, kb: Any, rules: Any, jobs: int | None, lang: Lang,
              out_dir: str, cases_out: str | None, no_record: bool, db: str | None,
              operator: str | None, problems: list[str], map_source: str,
              exports: tuple[str, ...]) -> tuple[list[Member], dict[str, int]]:
    workers = jobs or default_workers()
    pool = BatchPool(kb, workers=workers, lang=lang, post=person_page)
    members: list[Member] = []
    total = pop.counts.ready
    taken: set[str] = set()
    pop.db.execute("CREATE TABLE results (idx INTEGER PRIMARY KEY, emp TEXT, "
                   "case_json TEXT, result TEXT)")
    datas: dict[int, dict[str, Any]] = {}

    def jobs_of() -> Any:
        for i, case in enumerate(pop.cases()):
            datas[i] = case.data
            yield Job(i, case.employee, case.source, case.data)

    with building(out_dir) as staged, _cases_folder(cases_out) as cases_staged:
        tmp = staged.path
        cases_tmp = cases_staged.path if cases_staged else None
        people = tmp / "people"
        people.mkdir()
        with (tmp / "diagnoses.jsonl").open("w", encoding="utf-8") as jsonl:
            outcomes = pool.run(jobs_of())
            if sys.stderr.isatty():
                with click.progressbar(outcomes, length=total, file=sys.stderr,
                                       label=_say(lang, "diagnosing", "诊断中")) as bar:
                    for o in bar:
                        members.append(_take(o, datas, jsonl, people, cases_tmp, taken, pop))
            else:
                for o in outcomes:
                    members.append(_take(o, datas, jsonl, people, cases_tmp, taken, pop))
        facts = team_facts(members)
        teams = infer_teams(kb, rules, facts)
        c = pop.counts
        counts = {"files": c.files, "rows": c.rows, "blank_rows": c.blank_rows,
                  "bad_rows": c.bad_rows, "employees": c.employees, "skipped": c.skipped,
                  "diagnosed": sum(1 for m in members if m.error is None),
                  "failed": sum(1 for m in members if m.error),
                  "team_findings": sum(len(v) for v in teams.findings.values())}
        summary = build_summary(kb=kb, mapping=map_source, files=list(exports), counts=counts,
                                members=members, teams=teams,
                                fairness_rows=fairness(members, kb), problems=problems,
                                lang=lang)
        (tmp / "summary.json").write_text(summary.to_json(), encoding="utf-8")
        (tmp / "report.html").write_text(render_report(summary, members, kb, lang),
                                         encoding="utf-8")
        def deliver() -> None:  # the outputs in place, then the records committed
            staged.commit()
            if cases_staged:
                cases_staged.commit()

        if not no_record:
            rows = pop.db.execute("SELECT case_json, result FROM results ORDER BY idx")
            rec = record_batch("diagnose", ((json.loads(a), b) for a, b in rows), kb,
                               db=db, operator=operator, deliver=deliver,
                               params={"batch": {"exports": list(exports),
                                                 "mapping": map_source}})
            n, old = len(rec.ids), rec.reused
            click.echo(_say(lang, f"perfdx: recorded {n - old} decisions as one batch in "
                                  f"{rec.db}" + (f" ({old} already recorded)" if old else "") +
                                  "; drafts until reviewed (perfdx audit list)",
                            f"perfdx：已将 {n - old} 项决定作为一批记录于 {rec.db}" +
                            (f"（{old} 项此前已记录）" if old else "") +
                            "；审核前为草稿（perfdx audit list）"), err=True)
            if rec.witness_problem:
                click.echo(f"perfdx: warning: {rec.witness_problem}", err=True)
    return members, counts


def _take(o: Any, datas: dict[int, dict[str, Any]], jsonl: Any, people: Path,
          cases_tmp: Path | None, taken: set[str], pop: Population) -> Member:
    data = datas.pop(o.index)
    m = member_from(o.index, data, o.diagnosis_json, o.plan_advised, o.error)
    name = safe_name(m.employee, taken)
    if o.diagnosis_json is not None:
        jsonl.write(json.dumps(json.loads(o.diagnosis_json), ensure_ascii=False,
                               separators=(",", ":")) + "\n")
        (people / f"{name}.html").write_text(o.extra["html"], encoding="utf-8")
        m.page = f"people/{name}.html"
        validated = parse_case(data, o.source).case.model_dump(mode="json")
        pop.db.execute("INSERT INTO results VALUES (?, ?, ?, ?)",
                       (o.index, m.employee, json.dumps(validated), o.diagnosis_json))
    if cases_tmp is not None:
        text = "# " + f"{o.source}: {m.employee}\n" + yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False, width=100)
        (cases_tmp / f"{name}.yaml").write_text(text, encoding="utf-8")
    return m


class _NoFolder:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _cases_folder(path: str | None) -> Any:
    return building(path) if path else _NoFolder()


@batch.command("map")
@click.argument("export", metavar="EXPORT")
@kb_option
@click.option("--sheet", default=None, help="XLSX: the sheet to read (default: the first).")
@output_option
def map_(export: str, kb_dir: str | None, sheet: str | None, output: str | None) -> None:
    """Draft a mapping file from an export's header.

    Columns are matched to employee fields by their usual names (English and Chinese), and to
    the knowledge base's KPIs, observations and rating dimensions by name, with "did you
    mean". What cannot be matched is listed under `ignore:` marked TODO; check every line
    before using it with `perfdx batch run EXPORT --map MAP.yaml`.
    """
    kb = load_kb(kb_dir)
    draft = draft_mapping(export, kb, sheet=sheet)
    emit("\n".join(draft.lines) + "\n", output)
    click.echo(f"perfdx batch map: {draft.matched} column(s) matched, {draft.unmatched} to "
               "check (marked TODO)", err=True)
