"""JSON Schemas for the files HR edits: rule files, catalog files and scenario files.

They are generated, never written by hand: the catalog schema from the pydantic models of the
catalog sections (load.py's LIST_SECTIONS and MAP_SECTIONS), the rule schema from the rule header
model and the condition grammar (the fact types and fields of vocabulary.py, the operator table of
operators.py, the conclusions each stage may draw), the scenario schema from the scenario and case
models. Editors that read `# yaml-language-server: $schema=...` then complete and check while HR
types. `perfdx kb schema --write` regenerates them into knowledge_base/schema/, and a test fails
when the committed files are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from ..case import Case
from ..kb.conclusions import _KEYS, _REQUIRED
from ..kb.load import LIST_SECTIONS, MAP_SECTIONS
from ..kb.operators import FLAG, LIST, OPERATORS, REF, SYNONYMS
from ..kb.rules import CONCLUSIONS_BY_STAGE, RuleHeader
from ..kb.vocabulary import FACT_TYPES, SEVERITIES, STAGES, Field, visible_types
from ..team.rules import TeamRuleHeader
from ..team.vocabulary import TEAM_FACT_TYPES, TEAM_VISIBLE
from .scenarios import ScenarioFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path("knowledge_base") / "schema"
# file name -> what it validates; the KB's YAML files point at these names
FILES = {
    "rules": "rules.schema.json",
    "catalog": "catalog.schema.json",
    "scenario": "scenario.schema.json",
}
_NAME = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
_OPERATOR_HELP = {
    "is": "the field has this value",
    "is_not": "the field is recorded and has another value",
    "in": "the field has one of these values",
    "not_in": "the field is recorded and has none of these values",
    "below": "the number is below this (strictly)",
    "at_most": "the number is this or lower",
    "above": "the number is above this (strictly)",
    "at_least": "the number is this or higher",
    "exists": "the field is recorded (write `exists: true`)",
    "missing": "the field is not recorded (write `missing: true`)",
    "contains": "the list includes this value",
    "same_as": "equals a field of another fact of this rule, e.g. `gap.kpi` (a join)",
}


def _defs(models: list[type[BaseModel]]) -> dict[str, Any]:
    _refs, defs = models_json_schema([(m, "validation") for m in models],
                                     ref_template="#/$defs/{model}")
    return dict(defs.get("$defs", {}))


def _document(title: str, description: str, properties: dict[str, Any],
              defs: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "$schema": DIALECT, "title": title, "description": description, "type": "object",
        "properties": properties, "additionalProperties": False,
    }
    if required:
        doc["required"] = required
    doc["$defs"] = dict(sorted(defs.items()))
    return doc


# -- catalogs -------------------------------------------------------------------------------------


def catalog_schema() -> dict[str, Any]:
    models = [m for m, _c in LIST_SECTIONS.values()] + list(MAP_SECTIONS.values())
    defs = _defs(models)
    properties: dict[str, Any] = {}
    for section, (model, _catalog) in LIST_SECTIONS.items():
        properties[section] = {"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}}
    for section, model in MAP_SECTIONS.items():
        properties[section] = {"$ref": f"#/$defs/{model.__name__}"}
    return _document(
        "perfdx catalog file (knowledge_base/*.yaml)",
        "Catalogs the rules refer to. A file holds one or more sections; each list entry has a "
        "unique lowercase `id`. Texts are `{en: ..., zh: ...}`. Check with `perfdx kb check`.",
        properties, defs)


# -- rules: the condition grammar -----------------------------------------------------------------


def _value(f: Field) -> dict[str, Any]:
    """A plain value of a field."""
    if f.kind == "number":
        return {"type": "number"}
    if f.kind == "bool":
        return {"type": "boolean"}
    if f.kind == "choice":
        return {"enum": list(f.choices)}
    if f.kind == "any":  # an observation's value: typed by the observation, checked by kb check
        return {"type": ["boolean", "number", "string"]}
    return {"type": "string"}


def _operators(f: Field) -> dict[str, Any]:
    value = _value(f)
    on_list = f.kind.startswith("list")
    ops: dict[str, Any] = {}
    for keyword, op in OPERATORS.items():
        if op.on_lists != on_list and op.kind != FLAG:
            continue
        if op.numeric and f.kind not in ("number", "any"):
            continue
        if op.kind == FLAG:
            schema: dict[str, Any] = {"const": True}
        elif op.kind == REF:
            schema = {"type": "string", "pattern": "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$"}
        elif op.kind == LIST:
            schema = {"anyOf": [value, {"type": "array", "items": value, "minItems": 1}]}
        elif op.numeric:
            schema = {"type": "number"}
        elif on_list:
            schema = {"type": "string"}
        else:
            schema = dict(value)
        ops[keyword] = {**schema, "description": _OPERATOR_HELP.get(keyword, keyword)}
    for word, keyword in SYNONYMS.items():
        if keyword in ops:
            ops[word] = {**ops[keyword], "description": f"the same as `{keyword}`"}
    return ops


def _kind_key(f: Field) -> str:
    """Fields of one kind share one definition of their tests."""
    if f.kind == "choice":
        return "test_choice_" + "_".join(f.choices)
    base = f.kind.split(":")[0]
    return f"test_{base}"


def _field_test(f: Field) -> dict[str, Any]:
    operators = {"type": "object", "properties": _operators(f), "additionalProperties": False,
                 "minProperties": 1}
    if f.kind.startswith("list"):
        return operators
    value = _value(f)
    return {"anyOf": [value, {"type": "array", "items": value, "minItems": 1}, operators]}


def _fact_defs() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for name, ft in FACT_TYPES.items():
        if ft.visible_from is None:
            continue
        body = f"tests_{name}"
        properties: dict[str, Any] = {}
        for fname, f in ft.fields.items():
            key = _kind_key(f)
            defs.setdefault(key, _field_test(f))
            hint = " (a list: test it with `contains`)" if f.kind.startswith("list") else ""
            properties[fname] = {"$ref": f"#/$defs/{key}", "description": f.label.get("en") + hint}
        properties["any"] = {"type": "array", "minItems": 2, "items": {"$ref": f"#/$defs/{body}"},
                             "description": "alternatives: at least one must hold"}
        defs[body] = {"type": "object", "properties": properties, "additionalProperties": False}
        defs[f"fact_{name}"] = {"description": f"tests on a {ft.label.get('en')} fact",
                                "anyOf": [{"type": "null"}, {"$ref": f"#/$defs/{body}"}]}
    return defs


def _condition(stage: str) -> dict[str, Any]:
    me = {"$ref": f"#/$defs/condition_{stage}"}
    options: list[dict[str, Any]] = [
        {"type": "object", "properties": {"all": {"type": "array", "minItems": 1, "items": me,
                                                  "description": "every condition must hold"}},
         "required": ["all"], "additionalProperties": False},
        {"type": "object", "properties": {"any": {"type": "array", "minItems": 1, "items": me,
                                                  "description": "one condition must hold"}},
         "required": ["any"], "additionalProperties": False},
        {"type": "object", "properties": {"not": {**me, "description": "no such fact exists"}},
         "required": ["not"], "additionalProperties": False},
    ]
    for fact in visible_types(stage):
        options.append({"type": "object", "required": [fact], "additionalProperties": False,
                        "properties": {fact: {"$ref": f"#/$defs/fact_{fact}"},
                                       "as": {**_NAME, "description": "a name for this fact"}}})
    return {"description": f"a condition of a `{stage}` rule: `all`, `any`, `not`, or a fact "
                           f"({', '.join(visible_types(stage))})", "anyOf": options}


_KEY_SCHEMAS: dict[str, dict[str, Any]] = {
    "pattern": {"type": "string", "description": "a pattern id (knowledge_base/patterns.yaml)"},
    "certainty": {"type": "number", "minimum": -1, "maximum": 1, "not": {"const": 0},
                  "description": "from -1 to 1: positive supports the pattern, negative argues "
                                 "against it"},
    "for": {**_NAME, "description": "the fact of the condition this conclusion is about"},
    "from": {**_NAME, "description": "the fact of the condition this gap comes from"},
    "severity": {"enum": list(SEVERITIES)},
    "intervention": {"type": "string", "description": "an intervention id"},
    "priority": {"type": "integer", "minimum": 1, "maximum": 9, "description": "1 = first"},
    "competency": {"type": "string", "description": "a rating dimension id, or a field such "
                                                    "as `rating.dimension`"},
}


def _conclusion_defs() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for kind, keys in _KEYS.items():
        body: dict[str, Any] = {"type": "object", "additionalProperties": False,
                                "properties": {k: _KEY_SCHEMAS[k] for k in keys}}
        if _REQUIRED[kind]:
            body["required"] = list(_REQUIRED[kind])
        defs[f"conclude_{kind}"] = body if _REQUIRED[kind] else {
            "anyOf": [{"type": "null"}, body]}
    for stage, kinds in CONCLUSIONS_BY_STAGE.items():
        one = {"anyOf": [{"type": "object", "required": [k], "additionalProperties": False,
                          "properties": {k: {"$ref": f"#/$defs/conclude_{k}"}}} for k in kinds]}
        defs[f"then_{stage}"] = {
            "description": f"what a `{stage}` rule concludes: " + " or ".join(kinds),
            "anyOf": [one, {"type": "array", "minItems": 1, "items": one}]}
    return defs


def rules_schema() -> dict[str, Any]:
    defs = _defs([RuleHeader])
    rule = defs.pop("RuleHeader")
    rule["title"] = "Rule"
    rule["properties"]["when"] = {"description": "the condition: facts that must (or must not) "
                                                 "exist"}
    rule["properties"]["then"] = {"description": "the conclusion(s) drawn when `when` holds"}
    rule["allOf"] = [{
        "if": {"properties": {"stage": {"const": stage}}, "required": ["stage"]},
        "then": {"properties": {"when": {"$ref": f"#/$defs/condition_{stage}"},
                                "then": {"$ref": f"#/$defs/then_{stage}"}}},
    } for stage in STAGES]
    defs["Rule"] = rule
    defs.update(_fact_defs())
    defs.update({f"condition_{s}": _condition(s) for s in STAGES})
    defs.update(_conclusion_defs())
    team = _defs([TeamRuleHeader])
    team_rule = team.pop("TeamRuleHeader")
    team_rule["title"] = "TeamRule"
    team_rule["properties"]["when"] = {
        "description": "the condition over a team's aggregates: " + ", ".join(
            f"`{t}` ({', '.join(f for f in TEAM_FACT_TYPES[t].fields if f != 'id')})"
            for t in TEAM_VISIBLE)}
    defs.update(team)
    defs["TeamRule"] = team_rule
    doc = _document(
        "perfdx rule file (rules/*.yaml)",
        "If-then rules in four stages (gaps, evidence, causes, recommend), and team rules "
        "(`team_rules`, department runs). See knowledge_base/README.md; check with "
        "`perfdx kb check`, test with `perfdx kb test`.",
        {"rules": {"type": "array", "items": {"$ref": "#/$defs/Rule"}},
         "team_rules": {"type": "array", "items": {"$ref": "#/$defs/TeamRule"}}}, defs)
    doc["minProperties"] = 1
    return doc


# -- scenarios ------------------------------------------------------------------------------------


def scenario_schema() -> dict[str, Any]:
    defs = _defs([ScenarioFile, Case])
    file = defs.pop("ScenarioFile")
    defs["Scenario"]["properties"]["case"] = {
        "description": "the case: a file path relative to this scenario file, or the case "
                       "itself", "anyOf": [{"type": "string"}, {"$ref": "#/$defs/Case"}]}
    return _document(
        "perfdx scenario tests (knowledge_base/scenarios/*.yaml)",
        "A case and what a consultant expects perfdx to conclude for it. Run with "
        "`perfdx kb test`.", file["properties"], defs, file.get("required"))


# -- files ----------------------------------------------------------------------------------------


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name."""
    return {FILES["rules"]: rules_schema(), FILES["catalog"]: catalog_schema(),
            FILES["scenario"]: scenario_schema()}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def stale(kb_root: Path) -> list[str]:
    """Schema files of a KB that are missing or differ from what this perfdx generates."""
    out = []
    for name, schema in schemas().items():
        path = kb_root / SCHEMA_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(schema):
            out.append(name)
    return out
