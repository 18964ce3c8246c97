"""The checking loader: every file of a KB parsed, validated and cross-checked, each problem
with its file and line (load.py's load_kb and load_kb_with_problems are the front door: a KB
already in the on-disk cache never comes here).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import InputError, Problem, did_you_mean, shown
from ..yamlio import MAX_BYTES, PosDict, PosList, dotted, parse, plain
from .base import KBFile, KnowledgeBase, frozen
from .conclusions import ConclusionParser
from .conditions import ConditionParser
from .contraindications import contraindication_problems, parse_contraindications
from .load import (
    LIST_SECTIONS,
    MAP_SECTIONS,
    content_hash,
    display_path,
    kb_files,
    resolve_kb_dir,
)
from .models import Settings
from .policy import reference_problems
from .raw import ids_in_text
from .rules import Rule, RuleHeader
from .ruleset import rule_set_errors
from .typecheck import Catalogs, ConditionChecker
from .validation import problems_from
from .vocabulary import FACT_TYPES

# Cross-references checked at load: (section, field) -> catalog the value must be in.
_REFS: dict[tuple[str, str], str] = {
    ("kpis", "category"): "pattern",
    ("interventions", "addresses"): "pattern",
    ("interventions", "owner"): "owner",
    ("courses", "competency"): "dimension",
    ("areas", "drivers"): "pattern",
}


@dataclass
class _Loader:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    entries: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    raw_entries: dict[tuple[str, str], tuple[str, Any, tuple[Any, ...]]] = field(
        default_factory=dict)
    where: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    sections: dict[str, Any] = field(default_factory=dict)
    raw_sections: dict[str, tuple[str, Any]] = field(default_factory=dict)  # name -> (file, data)
    rule_nodes: list[tuple[str, Any, int]] = field(default_factory=list)
    rule_item_pos: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    team_rule_nodes: list[tuple[str, Any, int]] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)  # catalog -> ids that failed

    def add(self, message: str, file: str, pos: tuple[int, int] | None, path: str | None,
            code: str, hint: str | None = None, severity: str = "error") -> None:
        line, col = pos if pos else (None, None)
        self.problems.append(Problem(message, file, line, col, path, hint, code, severity))

    # -- reading ---------------------------------------------------------------------------

    def read(self) -> list[KBFile]:
        if not self.root.is_dir():
            raise InputError("knowledge base directory not found", file=str(self.root))
        if not (self.root / "rules").is_dir() and not (self.root / "knowledge_base").is_dir():
            raise InputError("not a knowledge base: it has no rules/ or knowledge_base/ folder",
                             file=str(self.root),
                             hint="point --kb at a folder made by 'perfdx kb init'")
        files = []
        for path in kb_files(self.root):
            rel = path.relative_to(self.root).as_posix()
            size = path.stat().st_size
            if size > MAX_BYTES:
                self.add(f"file is {size / 1024 / 1024:.1f} MB; files over 10 MB are refused",
                         rel, None, None, "E100")
                continue
            data = path.read_bytes()
            files.append(KBFile(rel, data))
            try:
                text = data.decode("utf-8-sig")
                doc = parse(text, rel)
            except UnicodeDecodeError:
                self.add("not UTF-8 text", rel, None, None, "E100")
                continue
            except InputError as err:
                p = err.problem
                self.add(p.message, rel, (p.line or 1, p.col or 1), None, "E100")
                self._recover_ids(text)
                continue
            self._document(rel, doc)
        return files

    def _recover_ids(self, text: str) -> None:
        """Entries of a file that does not parse still exist: references to them are not
        reported again as unknown names."""
        for section, ids in ids_in_text(text).items():
            if section in LIST_SECTIONS:
                self.broken.setdefault(LIST_SECTIONS[section][1], set()).update(ids)

    def _document(self, rel: str, doc: Any) -> None:
        if doc is None:
            return
        is_rules = rel.startswith("rules/")
        if not isinstance(doc, dict):
            self.add("the file must be a mapping of sections (e.g. `rules:` or `kpis:`)", rel,
                     (1, 1), None, "E101")
            return
        allowed = ["rules", "team_rules"] if is_rules else \
            list(LIST_SECTIONS) + list(MAP_SECTIONS)
        for key, value in doc.items():
            pos = doc.pos.get(key) if isinstance(doc, PosDict) else None
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                if key == "rules" or (is_rules and key in LIST_SECTIONS):
                    hint = ("rules go in rules/*.yaml" if key == "rules"
                            else "catalogs go in knowledge_base/*.yaml")
                self.add(f"unknown section {key!r}", rel, pos, str(key), "E101",
                         hint or "sections: " + ", ".join(allowed))
                continue
            if key == "rules":
                self._rules(rel, value, pos)
            elif key == "team_rules":  # parsed and checked by engine/team (department runs)
                if not isinstance(value, list):
                    self.add("`team_rules` must be a list of rules", rel, pos, "team_rules",
                             "E101")
                    continue
                self.team_rule_nodes.extend((rel, item, i) for i, item in enumerate(value))
            elif key in MAP_SECTIONS:
                self._map_section(rel, str(key), value, pos)
            else:
                self._list_section(rel, str(key), value, pos)

    def _map_section(self, rel: str, name: str, value: Any, pos: Any) -> None:
        if name in self.sections:
            self.add(f"section `{name}` is given twice", rel, pos, name, "E102",
                     f"first in {self.where[(name, '')][0]}")
            return
        model = MAP_SECTIONS[name]
        try:
            self.sections[name] = model.model_validate(value if value is not None else {})
            self.where[(name, "")] = (rel, pos[0] if pos else 1)
            self.raw_sections[name] = (rel, value)
        except ValidationError as err:
            self.problems.extend(problems_from(err, value, file=rel, model=model, base=(name,)))

    def _list_section(self, rel: str, name: str, value: Any, pos: Any) -> None:
        model, _catalog = LIST_SECTIONS[name]
        if not isinstance(value, list):
            self.add(f"`{name}` must be a list of entries", rel, pos, name, "E101")
            return
        bucket = self.entries.setdefault(name, {})
        for i, item in enumerate(value):
            ipos = value.pos[i] if isinstance(value, PosList) else pos
            try:
                entry = model.model_validate(item)
            except ValidationError as err:
                self.problems.extend(problems_from(err, item, file=rel, model=model,
                                                   base=(name, i)))
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    # known but broken: references to it are not reported again
                    self.broken.setdefault(LIST_SECTIONS[name][1], set()).add(item["id"])
                continue
            eid = str(entry.__dict__["id"])  # every list entry model has an `id`
            if eid in bucket:
                first = self.where[(name, eid)]
                self.add(f"{name[:-1]} id {eid!r} is used twice", rel, ipos, f"{name}[{i}].id",
                         "E102", f"first at {first[0]}:{first[1]}")
                continue
            bucket[eid] = entry
            self.where[(name, eid)] = (rel, ipos[0] if ipos else 1)
            self.raw_entries[(name, eid)] = (rel, item, (name, i))

    def _rules(self, rel: str, value: Any, pos: Any) -> None:
        if not isinstance(value, list):
            self.add("`rules` must be a list of rules", rel, pos, "rules", "E101")
            return
        for i, item in enumerate(value):
            self.rule_nodes.append((rel, item, i))
            if isinstance(value, PosList) and i < len(value.pos):
                self.rule_item_pos[(rel, i)] = value.pos[i]

    def positions(self) -> dict[str, tuple[tuple[int, int], str]]:
        """Where each rule is written: rule id -> ((line, column), path such as rules[3])."""
        return {item["id"]: (item.start, dotted(("rules", i))) for _rel, item, i in
                self.rule_nodes if isinstance(item, PosDict) and isinstance(item.get("id"), str)}

    # -- checking --------------------------------------------------------------------------

    def catalogs(self) -> Catalogs:
        ids = {catalog: set(self.entries.get(section, {})) | self.broken.get(catalog, set())
               for section, (_m, catalog) in LIST_SECTIONS.items()}
        return Catalogs(ids=ids, observations=self.entries.get("observations", {}),  # type: ignore[arg-type]
                        broken=self.broken.get("observation", set()))

    def check_references(self, catalogs: Catalogs) -> None:
        for (section, eid), (rel, item, base) in self.raw_entries.items():
            entry = self.entries[section][eid]
            for (ref_section, fname), catalog in _REFS.items():
                if ref_section != section:
                    continue
                value = getattr(entry, fname)
                values = value if isinstance(value, list) else [value]
                for j, v in enumerate(values):
                    if v in catalogs.ids[catalog]:
                        continue
                    node = item.get(fname) if isinstance(item, dict) else None
                    vpos: tuple[int, int] | None
                    if isinstance(node, PosList) and j < len(node.pos):
                        vpos = node.pos[j]
                    else:
                        vpos = item.pos.get(fname) if isinstance(item, PosDict) else None
                    self.add(f"unknown {catalog} {v!r}", rel, vpos,
                             dotted(base + (fname,)), "E110",
                             did_you_mean(v, catalogs.ids[catalog]))

    def problems_in_rules(self) -> bool:
        return any(p.severity == "error" and (p.file or "").startswith("rules/")
                   for p in self.problems)

    def misplaced_then(self, rel: str, item: Any, base: tuple[Any, ...]) -> bool:
        """`then:` indented under `when:` is one slip, reported where it is and where it belongs
        (not as a missing `then`)."""
        if not isinstance(item, PosDict):
            return False
        when = item.get("when")
        if "then" in item or not isinstance(when, PosDict) or "then" not in when:
            return False
        line, col = when.pos.get("then", when.start)
        when_col = item.pos.get("when", item.start)[1]
        self.add("`then:` is indented under `when:`", rel, (line, col),
                 dotted(base + ("when", "then")), "E101",
                 f"move it {col - when_col} spaces left, to line up with `when:` at column "
                 f"{when_col}")
        return True

    def parse_rules(self, catalogs: Catalogs) -> list[Rule]:
        rules: list[Rule] = []
        seen: dict[str, str] = {}
        fact_types = list(FACT_TYPES)
        for order, (rel, item, i) in enumerate(self.rule_nodes):
            base = ("rules", i)
            ipos = (item.start if isinstance(item, (PosDict, PosList)) else (1, 1))
            if not isinstance(item, PosDict):
                self.add(f"a rule is a mapping of id, stage, title, when, then, rationale and "
                         f"source, not {shown(item)}", rel,
                         self.rule_item_pos.get((rel, i), (1, 1)), dotted(base), "E101")
                continue
            if self.misplaced_then(rel, item, base):
                continue
            try:
                header = RuleHeader.model_validate(item)
            except ValidationError as err:
                self.problems.extend(problems_from(err, item, file=rel, model=RuleHeader,
                                                   base=base))
                continue
            if header.id in seen:
                self.add(f"rule id {header.id!r} is used twice", rel, ipos,
                         dotted(base + ("id",)), "E102", f"first at {seen[header.id]}")
                continue
            seen[header.id] = f"{rel}:{ipos[0]}"
            when_pos = item.pos.get("when", ipos)
            parser = ConditionParser(rel, fact_types)
            branches = parser.parse(item["when"], base + ("when",), when_pos)
            self.problems.extend(parser.problems)
            if not branches:
                continue
            checker = ConditionChecker(rel, catalogs)
            for branch in branches:
                checker.check_branch(branch, header.stage)
            self.problems.extend(checker.problems)
            then_pos = item.pos.get("then", ipos)
            cparser = ConclusionParser(rel, catalogs)
            conclusions = cparser.parse(item["then"], header.stage, tuple(branches),
                                        dotted(base + ("then",)), then_pos)
            cparser.check_refs(conclusions, tuple(branches), dotted(base + ("then",)), then_pos)
            self.problems.extend(cparser.problems)
            if checker.problems or cparser.problems or not conclusions:
                continue
            if not header.enabled:
                continue
            rules.append(Rule(
                id=header.id, stage=header.stage, title=header.title,
                branches=tuple(branches), conclusions=conclusions,
                rationale=header.rationale, source=header.source, file=rel, line=ipos[0],
                order=order, raw=plain(item)))
        return rules



def load_with_problems(kb: str | os.PathLike[str] | None = None
                       ) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Load a KB and return it with every problem found (None when it cannot be built)."""
    root = resolve_kb_dir(kb)
    loader = _Loader(root)
    files = loader.read()
    catalogs = loader.catalogs()
    loader.check_references(catalogs)
    if "plan_policy" in loader.sections:  # the policy names owners and patterns
        rel, raw = loader.raw_sections["plan_policy"]
        loader.problems.extend(reference_problems(loader.sections["plan_policy"], raw, rel,
                                                  catalogs.ids))
    rules = loader.parse_rules(catalogs)
    contraindications, contra_problems = parse_contraindications(
        loader.entries.get("interventions", {}), loader.raw_entries, catalogs)
    loader.problems += contra_problems + contraindication_problems(rules, contraindications)
    request = loader.sections["settings"].training_request if "settings" in loader.sections \
        else None
    observations = loader.entries.get("observations", {})
    if request and getattr(observations.get(request), "type", "boolean") != "boolean" or (
            request and request not in observations):
        rel, _raw = loader.raw_sections["settings"]
        loader.add(f"settings.training_request names {request!r}, which is not a yes/no "
                   "observation of the vocabulary", rel, None, "settings.training_request",
                   "E110", did_you_mean(request, observations))
    if not loader.problems_in_rules() and not any(r.stage == "gaps" for r in rules):
        loader.add("the knowledge base has no rule of the `gaps` stage, so no gap could ever be "
                   "found and every diagnosis would say there is none", "rules", None, None,
                   "E125", "keep at least one `gaps` rule, e.g. rules/gaps.yaml")
    if "settings" not in loader.sections:
        loader.sections["settings"] = Settings()
    loader.problems += rule_set_errors(rules, loader.sections["settings"], loader.positions())
    entries = loader.entries
    kb_obj = KnowledgeBase(
        root=root,
        hash=content_hash(files),
        files=tuple(sorted(files, key=lambda f: f.path)),
        kpis=frozen(entries.get("kpis", {})),
        patterns=frozen(entries.get("patterns", {})),
        interventions=frozen(entries.get("interventions", {})),
        courses=frozen(entries.get("courses", {})),
        observations=frozen(entries.get("observations", {})),
        dimensions=frozen(entries.get("dimensions", {})),
        areas=frozen(entries.get("areas", {})),
        owners=frozen(entries.get("owners", {})),
        settings=loader.sections["settings"],
        sections=frozen({k: v for k, v in loader.sections.items() if k != "settings"}),
        rules=tuple(rules),
        warnings=tuple(p for p in loader.problems if p.severity == "warning"),
        where=frozen(loader.where),  # type: ignore[arg-type]
        team_rule_nodes=tuple(loader.team_rule_nodes),
        contraindications=frozen(contraindications),
    )
    problems = [replace(p, file=display_path(root, p.file)) if p.file else p
                for p in loader.problems]
    problems.sort(key=lambda p: (p.severity != "error", p.file or "", p.line or 0, p.col or 0))
    return kb_obj, problems
