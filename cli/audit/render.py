"""The decision log as auditors read it at a terminal: lists, records, verification, replays."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.audit.attest import latest_broken
from engine.audit.findings import Finding
from engine.audit.query import Entry
from engine.audit.replay import MISSING, Replay, WhatIf
from engine.audit.store import AuditLog, Row
from engine.audit.verify import Report
from engine.audit.words import w
from engine.i18n import Lang

from ..table import table

_DONE = {"approve": "approved", "reject": "rejected", "amend": "amended"}


def when(row: Row) -> str:
    """2026-10-09T08:15:02.123456Z -> 2026-10-09 08:15:02"""
    return row.created[:19].replace("T", " ")


def state_text(entry: Entry, lang: Lang) -> str:
    if entry.state is None:
        return "-" if entry.row.intact else w("tampered_state", lang)
    text = w(entry.state, lang)
    if entry.row.purged:
        text = f"{text} ({w('purged', lang)})"
    if not entry.row.intact or (entry.oversight and entry.oversight.tampered):
        text = f"{text} ({w('tampered_state', lang)})"
    return text


def tamper_warnings(log: AuditLog, entries: list[Entry], lang: Lang) -> list[str]:
    """stderr lines for records (and reviews under a decision) that no longer match their
    hashes, and for a log that no longer matches its latest signed checkpoint."""
    out = []
    for e in entries:
        if not e.row.intact:
            out.append("perfdx: " + w("tamper_record", lang, id=e.row.id))
        for ev in e.oversight.tampered if e.oversight else []:
            out.append("perfdx: " + w("tamper_event", lang, kind=w(ev.kind, lang), id=ev.id,
                                      subject=e.row.id))
    broken = latest_broken(log, log.rows(), None)
    if broken is not None:
        out.append("perfdx: " + w("tamper_checkpoint", lang, size=broken.size))
    return out


def short(value: str | None, size: int = 20) -> str:
    if not value:
        return "-"
    return value if len(value) <= size else value[:size - 1] + "…"


def render_list(entries: list[Entry], lang: Lang) -> str:
    if not entries:
        return w("none_found", lang) + "\n"
    headers = [w(k, lang) for k in ("h_id", "h_time", "h_kind", "h_case", "h_employee",
                                    "h_cause", "h_state")]
    rows = []
    for e in entries:
        cause = e.primary_cause
        about = w("about_decision", lang, id=e.row.subject) if e.row.subject else "-"
        rows.append([
            e.row.id, when(e.row), w(e.row.kind, lang),
            short(e.case_id) if e.oversight is not None else about,
            short(e.employee), f"{cause[0]} {cause[1]:.2f}" if cause else "-",
            state_text(e, lang)])
    drafts = sum(1 for e in entries if e.oversight is not None and e.oversight.needs_review)
    lines = table(headers, rows, indent="")
    return "\n".join(lines + ["", w("list_total", lang, n=len(entries), drafts=drafts)]) + "\n"


def list_json(entries: list[Entry]) -> str:
    items = []
    for e in entries:
        cause = e.primary_cause
        items.append({
            "id": e.row.id, "seq": e.row.seq, "created": e.row.created, "kind": e.row.kind,
            "operator": e.row.operator, "case_id": e.case_id, "employee": e.employee,
            "subject": e.row.subject, "kb": e.row.kb_hash,
            "primary_cause": {"pattern": cause[0], "certainty": cause[1]} if cause else None,
            "review_state": e.state,
            "requires_human_review": e.oversight.needs_review if e.oversight else None,
            "redacted": e.redacted, "purged": e.row.purged})
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def record_header(entry: Entry, lang: Lang) -> list[str]:
    r = entry.row
    out = [f"{w('record', lang)} {r.id} · {w(r.kind, lang)} · {when(r)} UTC",
           f"  {w('operator', lang)}: {r.operator} · {w('version', lang)} {r.perfdx}"
           + (f" · {w('kb', lang)} {r.kb_hash[:12]}" if r.kb_hash else ""),
           f"  {w('chain', lang)}: #{r.seq} {r.record_hash}"]
    if r.subject:
        out.append(f"  {w('about_decision', lang, id=r.subject)}")
    if entry.oversight is not None:
        out.append(f"  {w('state', lang)}: {state_text(entry, lang)}")
    if entry.redacted:
        out.append(f"  {w('redacted', lang)}: {', '.join(entry.redacted)}")
    if not r.content_intact:
        out.append("  " + w("tampered", lang))
    return out


def oversight_lines(entry: Entry, lang: Lang) -> list[str]:
    if entry.oversight is None:
        return []
    out = [w("oversight", lang)]
    if not entry.oversight.events:
        out.append("  " + w("no_oversight", lang))
    for ev in entry.oversight.events:
        data = ev.data() or {}
        if ev.kind == "review":
            what = w("reviewed_by", lang, by=data.get("by", "?"),
                     decision=w(_DONE.get(str(data.get("decision")), "draft"), lang))
        else:
            what = w("contested_by", lang, by=data.get("by") or w("employee_side", lang))
        note = f": {data['note']}" if data.get("note") else ""
        if ev.purged:
            note = f" ({w('purged', lang)})"
        out.append(f"  {when(ev)} UTC  {what}{note}  [{ev.id}]")
    if entry.oversight.basis_contested:
        out += ["", w("basis_contested", lang, id=entry.oversight.basis_contested)]
    elif entry.oversight.state == "draft":
        out += ["", w("draft_note", lang, id=entry.row.id)]
    elif entry.oversight.state == "contested":
        out += ["", w("contested_note", lang)]
    return out


def _line(f: Finding, lang: Lang) -> str:
    if f.row:
        return f"  #{f.row.seq} {f.row.id} ({f.row.kind}, {when(f.row)}): {f.message(lang)}"
    if f.named:
        return f"  {f.message(lang)}"
    return f"  {w('the_log', lang)}: {f.message(lang)}"


def render_verify(report: Report, path: Path, lang: Lang) -> str:
    out = [str(path)]
    if report.ok:
        out.append(w("verify_ok", lang, n=report.records, kbs=report.snapshots,
                     head=report.head_hash))
        if report.purged:
            out.append(w("verify_purged", lang, n=report.purged))
    else:
        first = report.findings[0]
        where = f"#{first.row.seq} {first.row.id}" if first.row else \
            (first.where or w("the_log", lang))
        out.append(w("verify_bad", lang, n=len(report.findings), where=where))
        out += [_line(f, lang) for f in report.findings]
    seen = report.attestation
    if seen is not None:
        if seen.checkpoints and report.ok and seen.latest_size is not None:
            out.append(w("cp_ok", lang, n=seen.checkpoints, signer=seen.key,
                         size=seen.latest_size, records=report.records))
        signed_ok = not any(f.named for f in report.findings)
        if report.uncovered is not None and report.uncovered not in report.findings and \
                signed_ok:
            out.append(report.uncovered.message(lang))
        if seen.key_from_log:
            out.append(w("cp_key_from_log", lang))
        if seen.witness is not None and report.records and signed_ok and (
                seen.witness_found or seen.checkpoints):
            out.append(w("witness_ok", lang, path=seen.witness, n=seen.witness_entries)
                       if seen.witness_found else w("witness_none", lang, path=seen.witness))
    if report.after_expected:
        out.append(w("verify_since", lang, n=report.after_expected))
    return "\n".join(out) + "\n"


def verify_json(report: Report, lang: Lang) -> dict[str, Any]:
    seen = report.attestation
    return {"ok": report.ok, "records": report.records, "kinds": report.kinds,
            "knowledge_bases": report.snapshots, "purged": report.purged,
            "head": report.head_hash, "after_expected_head": report.after_expected,
            "checkpoints": seen.checkpoints if seen else 0,
            "covered": seen.latest_size if seen else None,
            "key": seen.key if seen else None,
            "key_from_log": seen.key_from_log if seen else False,
            "witness": str(seen.witness) if seen and seen.witness else None,
            "witness_entries": seen.witness_entries if seen else 0,
            "uncovered": report.uncovered.message(lang) if report.uncovered else None,
            "problems": [{"seq": f.row.seq if f.row else None,
                          "id": f.row.id if f.row else None, "where": f.where or None,
                          "code": f.code, "message": f.message(lang)} for f in report.findings]}


def _value(v: Any) -> str:
    return "(absent)" if v is MISSING else json.dumps(v, ensure_ascii=False)


def render_replay(result: Replay, lang: Lang, limit: int = 20) -> str:
    r = result.row
    kb = (r.kb_hash or "")[:12]
    if result.identical:
        return w("identical", lang, id=r.id, kb=kb, version=r.perfdx) + "\n"
    out = [w("differs", lang, id=r.id, kb=kb, n=len(result.differences))]
    for d in result.differences[:limit]:
        out.append(f"  {d.path}: {_value(d.recorded)} -> {_value(d.now)}")
    if len(result.differences) > limit:
        out.append("  " + w("more_diffs", lang, n=len(result.differences) - limit))
    return "\n".join(out) + "\n"


def render_what_if(result: WhatIf, lang: Lang) -> str:
    r = result.row
    case_id = ((r.data() or {}).get("case") or {}).get("case_id", "?")
    out = [w("whatif", lang, id=r.id, case=case_id,
             kb=f"{result.kb.root} ({result.kb.short_hash})", recorded=(r.kb_hash or "")[:12])]
    if result.differences is not None:
        out += [f"  {d.path}: {_value(d.recorded)} -> {_value(d.now)}"
                for d in result.differences] or ["  " + w("no_change", lang)]
        return "\n".join(out) + "\n"
    for title, changes, fmt, names in (
            ("causes", result.causes, "{:.2f}", True),
            ("recommendations", result.recommendations, "{:g}", False)):
        out.append("")
        out.append(w(title, lang))
        if not changes:
            out.append("  " + w("no_change", lang))
        for c in changes:
            a, b = c.key
            label = f"{a} · {result.subjects.get(b, b)}" if names else f"{a} · {b}"
            if c.before is None:
                out.append(f"  + {label}: {w('new', lang)}, {fmt.format(c.after)}")
            elif c.after is None:
                out.append(f"  - {label}: {fmt.format(c.before)} -> {w('gone', lang)}")
            elif c.before != c.after:
                out.append(f"  ~ {label}: {fmt.format(c.before)} -> {fmt.format(c.after)}")
            else:
                out.append(f"  = {label}: {fmt.format(c.before)}")
    if result.same:
        out += ["", w("same_all", lang)]
    return "\n".join(out) + "\n"
