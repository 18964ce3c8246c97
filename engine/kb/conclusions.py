"""Parse and check a rule's `then`: what it concludes, and which bound fact it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Problem, did_you_mean
from ..yamlio import PosDict, PosList
from .conditions import Branch, Ref
from .rules import CONCLUSIONS_BY_STAGE, TARGET_TYPES, Conclusion

if TYPE_CHECKING:  # the checker is imported by the loader, which makes the parser
    from .typecheck import Catalogs
from .vocabulary import FACT_TYPES, SEVERITIES

_REF = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")

_KEYS: dict[str, tuple[str, ...]] = {
    "gap": ("from", "severity"),
    "evidence": ("pattern", "certainty", "for"),
    "cause": ("pattern", "certainty", "for"),
    "recommend": ("intervention", "priority", "for"),
    "train": ("competency", "for"),
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "gap": (), "evidence": ("pattern", "certainty"), "cause": ("pattern", "certainty"),
    "recommend": ("intervention",), "train": ("competency",),
}
DEFAULT_PRIORITY = 3


def resolve_target(branch: Branch, conclusion: Conclusion) -> str | None:
    """The alias a conclusion is about in one branch: the named one, or the only candidate."""
    wanted = TARGET_TYPES[conclusion.kind]
    if conclusion.target:
        return conclusion.target if any(
            p.alias == conclusion.target and p.fact in wanted for p in branch.positive) else None
    for fact_type in wanted:
        found = [p.alias for p in branch.positive if p.fact == fact_type]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None
    return None


@dataclass
class ConclusionParser:
    file: str
    catalogs: Catalogs
    problems: list[Problem] = field(default_factory=list)

    def _err(self, message: str, path: str, pos: tuple[int, int], code: str,
             hint: str | None = None) -> None:
        self.problems.append(Problem(message, self.file, pos[0], pos[1], path, hint, code))

    def parse(self, node: Any, stage: str, branches: tuple[Branch, ...], path: str,
              pos: tuple[int, int]) -> tuple[Conclusion, ...]:
        allowed = CONCLUSIONS_BY_STAGE[stage]
        items = node if isinstance(node, list) else [node]
        conclusions = []
        for i, item in enumerate(items):
            ipath = f"{path}[{i}]" if isinstance(node, list) else path
            ipos = node.pos[i] if isinstance(node, PosList) and i < len(node.pos) else pos
            if not isinstance(item, dict) or len(item) != 1:
                self._err("a conclusion is one of " + ", ".join(f"`{a}: {{...}}`" for a in allowed),
                          ipath, ipos, "E123")
                continue
            kind, body = next(iter(item.items()))
            kpos = item.pos.get(kind, ipos) if isinstance(item, PosDict) else ipos
            if kind not in allowed:
                every = sorted({k for ks in CONCLUSIONS_BY_STAGE.values() for k in ks})
                hint = did_you_mean(kind, every)
                if kind in every:
                    stages = [s for s, ks in CONCLUSIONS_BY_STAGE.items() if kind in ks]
                    hint = f"`{kind}` belongs in a `{stages[0]}` rule"
                self._err(f"a `{stage}` rule concludes " + " or ".join(f"`{a}`" for a in allowed)
                          + f", not `{kind}`", f"{ipath}.{kind}", kpos, "E123", hint)
                continue
            conclusion = self._one(str(kind), body or {}, f"{ipath}.{kind}", kpos)
            if conclusion is None:
                continue
            for b, branch in enumerate(branches):
                if resolve_target(branch, conclusion) is None:
                    self._target_problem(conclusion, branch, len(branches) > 1 and b,
                                         f"{ipath}.{kind}", kpos)
                    break
            else:
                conclusions.append(conclusion)
        return tuple(conclusions)

    def _target_problem(self, c: Conclusion, branch: Branch, which: int | bool, path: str,
                        pos: tuple[int, int]) -> None:
        wanted = " or ".join(f"`{t}`" for t in TARGET_TYPES[c.kind])
        alt = f" (alternative {which + 1} of `any`)" if which is not False else ""
        key = "from" if c.kind == "gap" else "for"
        if c.target:
            self._err(f"`{key}: {c.target}` must name a {wanted} fact of the condition{alt}",
                      path, pos, "E123",
                      did_you_mean(c.target, [p.alias for p in branch.positive]))
        else:
            self._err(f"this conclusion is about a {wanted} fact, but the condition{alt} binds "
                      "none, or several", path, pos, "E123",
                      f"add a {wanted} fact to `when`, or name one with `{key}:`")

    def _one(self, kind: str, body: Any, path: str, pos: tuple[int, int]) -> Conclusion | None:
        if not isinstance(body, dict):
            self._err(f"`{kind}` takes a mapping of " + ", ".join(_KEYS[kind]), path, pos, "E123")
            return None
        def at(key: str) -> tuple[int, int]:
            return body.pos.get(key, pos) if isinstance(body, PosDict) else pos
        ok = True
        for key in body:
            if key not in _KEYS[kind]:
                self._err(f"`{kind}` takes no key {key!r}", f"{path}.{key}", at(key), "E101",
                          did_you_mean(key, _KEYS[kind]) or "keys: " + ", ".join(_KEYS[kind]))
                ok = False
        for key in _REQUIRED[kind]:
            if key not in body:
                self._err(f"`{kind}` needs `{key}`", path, pos, "E101")
                ok = False
        if not ok:
            return None
        target = body.get("for", body.get("from"))
        if target is not None and not isinstance(target, str):
            self._err("`for` names a fact of the condition", path, pos, "E101")
            return None
        values: dict[str, Any] = {}
        bad = False  # report every problem of the conclusion, then give up on it
        if "pattern" in body:
            pattern = body["pattern"]
            if pattern not in self.catalogs.ids["pattern"]:
                self._err(f"unknown pattern {pattern!r}", f"{path}.pattern", at("pattern"),
                          "E110", did_you_mean(pattern, self.catalogs.ids["pattern"]))
                bad = True
            values["pattern"] = pattern
        if "certainty" in body:
            cf = body["certainty"]
            if not isinstance(cf, (int, float)) or isinstance(cf, bool) or not -1 <= cf <= 1 \
                    or cf == 0:
                self._err("`certainty` is a number from -1 to 1 (not 0): positive supports the "
                          "pattern, negative argues against it", f"{path}.certainty",
                          at("certainty"), "E113")
                bad = True
            else:
                values["certainty"] = float(cf)
        if "severity" in body:
            sev = body["severity"]
            if sev not in SEVERITIES:
                self._err(f"`severity` is one of {', '.join(SEVERITIES)}", f"{path}.severity",
                          at("severity"), "E113", did_you_mean(sev, SEVERITIES))
                bad = True
            values["severity"] = sev
        if "intervention" in body:
            iid = body["intervention"]
            if iid not in self.catalogs.ids["intervention"]:
                self._err(f"unknown intervention {iid!r}", f"{path}.intervention",
                          at("intervention"), "E110",
                          did_you_mean(iid, self.catalogs.ids["intervention"]))
                bad = True
            values["intervention"] = iid
            prio = body.get("priority", DEFAULT_PRIORITY)
            if not isinstance(prio, int) or isinstance(prio, bool) or not 1 <= prio <= 9:
                self._err("`priority` is a whole number from 1 (first) to 9",
                          f"{path}.priority", at("priority"), "E113")
                bad = True
            values["priority"] = prio
        if "competency" in body:
            comp = body["competency"]
            match = _REF.match(comp) if isinstance(comp, str) else None
            if match and comp not in self.catalogs.ids["dimension"]:
                values["competency"] = Ref(match.group(1), match.group(2))
            elif comp in self.catalogs.ids["dimension"]:
                values["competency"] = comp
            else:
                self._err(f"unknown competency {comp!r}", f"{path}.competency",
                          at("competency"), "E110",
                          did_you_mean(comp, self.catalogs.ids["dimension"]) or
                          "name a rating dimension, or a field such as `rating.dimension`")
                bad = True
        if bad:
            return None
        return Conclusion(kind=kind, target=target, line=pos[0], col=pos[1], **values)

    def check_refs(self, conclusions: tuple[Conclusion, ...], branches: tuple[Branch, ...],
                   path: str, pos: tuple[int, int]) -> None:
        """A `competency: rating.dimension` must name a bound fact's dimension-like field."""
        for c in conclusions:
            if not isinstance(c.competency, Ref):
                continue
            ref = c.competency
            for branch in branches:
                bound = {p.alias: p for p in branch.positive}
                if ref.alias not in bound:
                    self._err(f"`competency: {ref}` names no fact of the condition", path, pos,
                              "E123", did_you_mean(ref.alias, bound))
                    return
                fdef = FACT_TYPES[bound[ref.alias].fact].field(ref.field)
                if fdef is None or fdef.kind != "ref:dimension":
                    self._err(f"`competency: {ref}` must be a rating dimension field, such as "
                              "`rating.dimension`", path, pos, "E123")
                    return
