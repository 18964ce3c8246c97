"""`perfdx kb diff`: what changed between two KBs, rule by rule and entry by entry, in words.

"PROC-REC-01: threshold for observation approval_steps value: at least 4 -> at least 6" rather
than a text diff: conditions are compared leaf by leaf (a leaf is one operator on one field of
one fact), conclusions by what they conclude, catalog entries field by field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..kb.base import KnowledgeBase
from ..kb.load import LIST_SECTIONS, MAP_SECTIONS
from ..kb.operators import OPERATORS, SYNONYMS
from ..kb.raw import RawKB, read_raw
from ..yamlio import plain

Leaf = tuple[tuple[str, ...], str, str]  # (where in the condition, field, operator)
_NUMERIC_WORDS = {"below": "below", "at_most": "at most", "above": "above",
                  "at_least": "at least"}


@dataclass(frozen=True)
class Change:
    subject: str  # a rule id, "interventions formal_training", "settings"
    what: str  # added | removed | changed
    where: str  # file:line (in NEW; in OLD for what was removed)
    details: tuple[str, ...] = ()
    section: str = "rules"  # rules, or the catalog section

    def words(self) -> list[str]:
        if self.what != "changed":
            return [f"{self.subject}: {self.what}" + (f" ({self.details[0]})" if self.details
                                                       else "")]
        return [f"{self.subject}: {d}" for d in self.details]


@dataclass
class KBDiff:
    old: KnowledgeBase
    new: KnowledgeBase
    changes: list[Change] = field(default_factory=list)

    @property
    def rules(self) -> list[Change]:
        return [c for c in self.changes if c.section == "rules"]

    @property
    def catalogs(self) -> list[Change]:
        return [c for c in self.changes if c.section != "rules"]


def diff_kbs(old: KnowledgeBase, new: KnowledgeBase) -> KBDiff:
    raw_old, raw_new = read_raw(old.files), read_raw(new.files)
    result = KBDiff(old, new)
    order = {"changed": 0, "added": 1, "removed": 2}
    result.changes += sorted(rule_changes(raw_old, raw_new), key=lambda c: order[c.what])
    result.changes += sorted(catalog_changes(old, new), key=lambda c: order[c.what])
    return result


# -- rules --------------------------------------------------------------------------------------


def _where(raw: RawKB, rule_id: str) -> str:
    w = raw.rules[rule_id]
    return f"{w.file}:{w.node.start[0]}"


def _title(rule: dict[str, Any]) -> str:
    title = rule.get("title")
    if isinstance(title, dict):
        return str(title.get("en") or title.get("zh") or "")
    return str(title or "")


def rule_changes(old: RawKB, new: RawKB) -> list[Change]:
    out = []
    for rid in new.rules:
        if rid not in old.rules:
            rule = plain(new.rules[rid].node)
            out.append(Change(rid, "added", _where(new, rid),
                              (f"{rule.get('stage')} rule: {_title(rule)}",)))
    for rid in old.rules:
        if rid not in new.rules:
            rule = plain(old.rules[rid].node)
            out.append(Change(rid, "removed", _where(old, rid),
                              (f"{rule.get('stage')} rule: {_title(rule)}",)))
    for rid in new.rules:
        if rid in old.rules:
            details = list(rule_details(plain(old.rules[rid].node), plain(new.rules[rid].node)))
            if old.rules[rid].file != new.rules[rid].file:
                details.append(f"moved from {old.rules[rid].file} to {new.rules[rid].file}")
            if details:
                out.append(Change(rid, "changed", _where(new, rid), tuple(details)))
    return out


def rule_details(a: dict[str, Any], b: dict[str, Any]) -> Iterator[str]:
    if a.get("enabled", True) != b.get("enabled", True):
        yield "disabled (enabled: false)" if b.get("enabled", True) is False else "enabled again"
    if a.get("stage") != b.get("stage"):
        yield f"stage {a.get('stage')} -> {b.get('stage')}"
    yield from condition_changes(a.get("when"), b.get("when"))
    yield from conclusion_changes(a.get("then"), b.get("then"))
    for key in ("title", "rationale"):
        yield from _text_changes(key, a.get(key), b.get(key))
    if a.get("source") != b.get("source"):
        yield f"source {_show(a.get('source'))} -> {_show(b.get('source'))}"


def _text_changes(key: str, a: Any, b: Any) -> Iterator[str]:
    a = a if isinstance(a, dict) else {"en": a} if a else {}
    b = b if isinstance(b, dict) else {"en": b} if b else {}
    for lang in ("en", "zh"):
        if a.get(lang) != b.get(lang):
            yield f"{key} ({lang}) {_show(a.get(lang))} -> {_show(b.get(lang))}"


def _show(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    if isinstance(v, str):
        return repr(v) if " " in v or not v else v
    return str(v)


# -- conditions, leaf by leaf ---------------------------------------------------------------------


def leaves(node: Any, where: tuple[str, ...] = ()) -> dict[Leaf, Any]:
    """Every (place, field, operator) of a condition with its value."""
    out: dict[Leaf, Any] = {}
    if not isinstance(node, dict):
        return out
    for comb in ("all", "any"):
        if comb in node and isinstance(node[comb], list):
            seen: dict[str, int] = {}
            for item in node[comb]:
                key = _item_key(item)
                seen[key] = seen.get(key, 0) + 1
                label = key if seen[key] == 1 else f"{key} #{seen[key]}"
                out.update(leaves(item, where + ((f"{comb}: " if comb == "any" else "") + label,)))
            return out
    if "not" in node:  # inside `all`/`any` the place already says "not ..."
        return leaves(node["not"], where or (_item_key(node),))
    fact = next((k for k in node if k != "as"), None)
    if fact is None:
        return out
    if not where:
        where = (_item_key(node),)
    out.update(_body_leaves(node[fact], where))
    return out


def _item_key(item: Any) -> str:
    if not isinstance(item, dict):
        return "?"
    if "not" in item:
        return "not " + _item_key(item["not"])
    fact = next((k for k in item if k != "as"), "?")
    if fact in ("all", "any"):
        return fact
    body = item.get(fact)
    name = body.get("name") if fact == "observation" and isinstance(body, dict) else None
    label = f"observation {name}" if isinstance(name, str) else str(fact)
    return label + (f" as {item['as']}" if "as" in item else "")


def _body_leaves(body: Any, where: tuple[str, ...]) -> dict[Leaf, Any]:
    out: dict[Leaf, Any] = {}
    if not isinstance(body, dict):
        return out
    for fname, cond in body.items():
        if fname == "any" and isinstance(cond, list):
            for i, option in enumerate(cond):
                out.update(_body_leaves(option, where + (f"any #{i + 1}",)))
            continue
        if isinstance(cond, dict):
            for op, value in cond.items():
                out[(where, str(fname), SYNONYMS.get(str(op), str(op)))] = value
        else:
            out[(where, str(fname), "in" if isinstance(cond, list) else "is")] = cond
    return out


def _subject(where: tuple[str, ...], fname: str) -> str:
    place = " > ".join(where)
    return f"{place} {fname}" if fname != "name" or not place.startswith("observation ") \
        else place


def _cond(op: str, value: Any) -> str:
    return f"{_NUMERIC_WORDS.get(op, op.replace('_', ' '))} {_show(value)}"


def _numeric(ops: dict[str, Any]) -> bool:
    return all(op in OPERATORS and OPERATORS[op].numeric for op in ops)


def _tests(leaf_map: dict[Leaf, Any], where: tuple[str, ...]) -> str:
    # `name: x` of an observation is already in the place's words ("observation x")
    parts = [f"{fname} {_cond(op, v)}" for (w, fname, op), v in leaf_map.items()
             if w == where and not (fname == "name" and f"observation {v}" in where[-1])]
    return ", ".join(parts)


def condition_changes(a: Any, b: Any) -> Iterator[str]:
    la, lb = leaves(a), leaves(b)
    places = dict.fromkeys([w for w, _f, _o in la] + [w for w, _f, _o in lb])
    for where in places:
        in_old = any(w == where for w, _f, _o in la)
        in_new = any(w == where for w, _f, _o in lb)
        place = " > ".join(where)
        if not in_old:
            yield f"condition added: {place}" + (f" ({_tests(lb, where)})" if _tests(lb, where)
                                                 else "")
            continue
        if not in_new:
            yield f"condition removed: {place}" + (f" ({_tests(la, where)})"
                                                   if _tests(la, where) else "")
            continue
        fields = dict.fromkeys([f for w, f, _o in list(la) + list(lb) if w == where])
        for fname in fields:
            old = {op: v for (w, f, op), v in la.items() if (w, f) == (where, fname)}
            new = {op: v for (w, f, op), v in lb.items() if (w, f) == (where, fname)}
            if old == new:
                continue
            subject = _subject(where, fname)
            if not old:
                yield f"condition added: {subject} " + ", ".join(_cond(o, v)
                                                                 for o, v in new.items())
            elif not new:
                yield f"condition removed: {subject} " + ", ".join(_cond(o, v)
                                                                   for o, v in old.items())
            else:
                kind = "threshold for" if _numeric(old) and _numeric(new) else "condition on"
                if set(old) == set(new):
                    for op in old:
                        if old[op] != new[op]:
                            yield f"{kind} {subject}: {_cond(op, old[op])} -> {_cond(op, new[op])}"
                else:
                    yield (f"{kind} {subject}: " + ", ".join(_cond(o, v) for o, v in old.items())
                           + " -> " + ", ".join(_cond(o, v) for o, v in new.items()))


# -- conclusions ----------------------------------------------------------------------------------


def _conclusions(node: Any) -> list[tuple[str, dict[str, Any]]]:
    items = node if isinstance(node, list) else [node]
    out = []
    for item in items:
        if isinstance(item, dict) and len(item) == 1:
            kind, body = next(iter(item.items()))
            out.append((str(kind), dict(body or {})))
    return out


def _conclusion_words(kind: str, body: dict[str, Any]) -> str:
    if kind in ("evidence", "cause"):
        return f"{kind} {body.get('pattern')} {body.get('certainty')}"
    if kind == "recommend":
        return f"recommend {body.get('intervention')} (priority {body.get('priority', 3)})"
    if kind == "train":
        return f"train {body.get('competency')}"
    return "gap" + (f" {body['severity']}" if body.get("severity") else "")


def _identity(kind: str, body: dict[str, Any]) -> tuple[str, Any]:
    key = {"evidence": "pattern", "cause": "pattern", "recommend": "intervention",
           "train": "competency"}.get(kind)
    return kind, body.get(key) if key else None


def conclusion_changes(a: Any, b: Any) -> Iterator[str]:
    old, new = _conclusions(a), _conclusions(b)
    if old == new:
        return
    old_by = {_identity(k, body): (k, body) for k, body in old}
    new_by = {_identity(k, body): (k, body) for k, body in new}
    if len(old) == len(new) == 1 and set(old_by) != set(new_by):
        yield (f"concludes {_conclusion_words(*new[0])} instead of "
               f"{_conclusion_words(*old[0])}")
        return
    for ident, (kind, body) in new_by.items():
        if ident not in old_by:
            yield f"conclusion added: {_conclusion_words(kind, body)}"
            continue
        before = old_by[ident][1]
        subject = f" of {ident[1]}" if ident[1] else ""
        for key in sorted(set(before) | set(body)):
            if before.get(key) != body.get(key):
                default = 3 if key == "priority" else None
                yield (f"{key}{subject} {_show(before.get(key, default))} -> "
                       f"{_show(body.get(key, default))}")
    for ident, (kind, body) in old_by.items():
        if ident not in new_by:
            yield f"conclusion removed: {_conclusion_words(kind, body)}"


# -- catalogs -------------------------------------------------------------------------------------


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for k, v in data.items():
            out.update(_flat(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: data}


def catalog_changes(old: KnowledgeBase, new: KnowledgeBase) -> list[Change]:
    out: list[Change] = []
    for section in LIST_SECTIONS:
        a, b = getattr(old, section, {}), getattr(new, section, {})
        for eid in b:
            subject = f"{section} {eid}"
            if eid not in a:
                out.append(Change(subject, "added", new.location(section, eid), (),
                                  section))
                continue
            details = _entry_details(a[eid].model_dump(), b[eid].model_dump())
            if details:
                out.append(Change(subject, "changed", new.location(section, eid),
                                  tuple(details), section))
        for eid in a:
            if eid not in b:
                out.append(Change(f"{section} {eid}", "removed", old.location(section, eid), (),
                                  section))
    for name in MAP_SECTIONS:
        a_model = old.settings if name == "settings" else old.sections.get(name)
        b_model = new.settings if name == "settings" else new.sections.get(name)
        a_data = a_model.model_dump() if a_model is not None else {}
        b_data = b_model.model_dump() if b_model is not None else {}
        details = _entry_details(a_data, b_data)
        if details:
            file, line = new.where.get((name, ""), ("?", 0))
            out.append(Change(name, "changed", f"{file}:{line}", tuple(details), name))
    return out


def _entry_details(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    fa, fb = _flat(a), _flat(b)
    return [f"{key} {_show(fa.get(key))} -> {_show(fb.get(key))}"
            for key in dict.fromkeys(list(fa) + list(fb)) if fa.get(key) != fb.get(key)]
