"""The three generators. Input `i` of a generator depends only on (seed, generator, i), so the
fast form in `make test` is a prefix of the long form and any failing input can be rebuilt.

- `case`: an example case, mutated 1-3 times at the text or the structure level, run through
  `diagnose` (text or json), `plan` or `explain`.
- `kb`: a copy of the default KB with one rule or catalog file mutated (or one rule cloned many
  times), run through `kb check`, then, when the check passes, `diagnose` on two example cases.
- `join`: a default KB plus rules/zz_joins.yaml of 1-4 generated rules made of joins between
  facts (same-type patterns, `same_as`, `not`), run like `kb`, on more cases.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.kb.load import default_kb_dir
from engine.kb.vocabulary import FACT_TYPES, visible_types

from .mutate import dump, structure_mutation, text_mutation

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "cases"
GENERATORS = ("case", "kb", "join")


@dataclass(frozen=True)
class FuzzInput:
    """One input: files to write, then CLI steps (argv; `{kb}` is the KB folder, `{dir}` the
    input's folder). `kb_files` replace files in a copy of the default KB ({}: the default KB)."""

    generator: str
    index: int
    note: str
    steps: tuple[tuple[str, ...], ...]
    case_files: dict[str, str] = field(default_factory=dict)
    kb_files: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.generator}-{self.index:05d}"


def _rng(seed: int, generator: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{generator}:{index}")


@functools.cache
def _case_paths() -> list[Path]:
    return sorted(CASES.glob("*.yaml")) + sorted(CASES.glob("*.json"))


@functools.cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.cache
def _kb_texts() -> dict[str, str]:
    root = default_kb_dir()
    out = {}
    for sub in ("rules", "knowledge_base"):
        for path in sorted((root / sub).rglob("*.yaml")):
            rel = path.relative_to(root).as_posix()
            if "/schema/" not in rel:
                out[rel] = path.read_text(encoding="utf-8")
    return out


def case_input(seed: int, index: int) -> FuzzInput:
    rng = _rng(seed, "case", index)
    base = rng.choice(_case_paths())
    text = _read(base)
    notes = [base.name]
    as_json = base.suffix == ".json"
    if rng.random() < 0.5:
        for _ in range(rng.choice([1, 1, 2, 3])):
            text, what = text_mutation(rng, text)
            notes.append(what)
    else:
        data = yaml.safe_load(text)
        for _ in range(rng.choice([1, 1, 2, 3])):
            notes.append(structure_mutation(rng, data))
        as_json = as_json or rng.random() < 0.3
        notes.append("as JSON" if as_json else "as YAML")
        text = dump(data, as_json)
    name = "case.json" if as_json else "case.yaml"
    command = rng.choice([("diagnose", "--no-record")] * 5 +
                         [("diagnose", "--no-record", "--format", "json")] * 2 +
                         [("plan", "--no-record"), ("explain", "--why-not", "skill_shortfall")])
    return FuzzInput("case", index, "; ".join(notes), (command + (f"{{dir}}/{name}",),),
                     case_files={name: text})


def _kb_steps(rng: random.Random, cases: int) -> tuple[tuple[str, ...], ...]:
    picked = rng.sample(_case_paths(), cases)
    return (("kb", "check", "--kb", "{kb}"),) + tuple(
        ("diagnose", "--no-record", "--kb", "{kb}", str(p)) for p in picked)


def _clone_rules(rng: random.Random, text: str) -> tuple[str, str]:
    """Append copies of one rule under new ids: many rules sharing one test (engine limits)."""
    starts = [m.start() for m in re.finditer(r"^  - id: ", text, re.M)]
    if not starts:
        return text, "no rule to clone"
    i = rng.randrange(len(starts))
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    block = text[starts[i]:end].rstrip("\n") + "\n"
    rid = re.match(r"  - id: (\S+)", block).group(1)  # type: ignore[union-attr]
    times = rng.choice([2, 10, 50, 120, 400])
    copies = "".join(block.replace(f"id: {rid}", f"id: {rid}-Z{n}", 1) + "\n"
                     for n in range(times))
    return text.rstrip("\n") + "\n\n" + copies, f"clone {rid} x{times}"


def kb_input(seed: int, index: int) -> FuzzInput:
    rng = _rng(seed, "kb", index)
    texts = _kb_texts()
    rel = rng.choice(sorted(texts))
    text = texts[rel]
    notes = [rel]
    roll = rng.random()
    if roll < 0.1 and rel.startswith("rules/"):
        text, what = _clone_rules(rng, text)
        notes.append(what)
    elif roll < 0.6:
        for _ in range(rng.choice([1, 1, 2])):
            text, what = text_mutation(rng, text)
            notes.append(what)
    else:
        data = yaml.safe_load(text)
        notes.append(structure_mutation(rng, data))
        text = dump(data, False)
    return FuzzInput("kb", index, "; ".join(notes), _kb_steps(rng, 2), kb_files={rel: text})


# -- join-shaped rule sets -----------------------------------------------------------------------

_IDS = {"pattern": ["resource_shortage", "process_blockage", "goal_misfit", "skill_shortfall",
                    "motivation", "team_collaboration"],
        "intervention": ["coaching", "job_aid", "formal_training", "process_redesign"]}
_TESTS: dict[str, list[dict[str, Any]]] = {
    "rating": [{"score": {"at_least": 3}}, {"score": {"below": 3}}, {"source": "self"},
               {"source": "supervisor"}],
    "gap": [{"severity": ["moderate", "severe"]}, {"measured": True}],
    "observation": [{"value": True}, {"value": False}],
    "metric": [{"severity": "severe"}],
    "evidence": [{"certainty": {"at_least": 0.4}}],
    "cause": [{"certainty": {"at_least": 0.2}}],
}


def _join_field(rng: random.Random, fact: str, earlier: list[tuple[str, str]]
                ) -> tuple[str, str, str] | None:
    """A field of `fact` and an earlier (alias, field) of the same kind, for `same_as`."""
    options = []
    for fname, fdef in FACT_TYPES[fact].fields.items():
        for alias, efact in earlier:
            for ename, edef in FACT_TYPES[efact].fields.items():
                same_kind = fdef.kind == edef.kind and fdef.kind != "any"
                gap_link = fname == "gap" and efact == "gap" and ename == "id"
                if same_kind or gap_link:
                    options.append((fname, alias, ename))
    return rng.choice(options) if options else None


def _join_rule(rng: random.Random, n: int) -> dict[str, Any]:
    stage = rng.choice(["evidence", "causes", "causes", "recommend"])
    types = [t for t in visible_types(stage) if t != "employee"]
    patterns: list[dict[str, Any]] = [{"gap": {}, "as": "x0"}]
    earlier = [("x0", "gap")]
    for k in range(1, rng.choice([2, 3, 3, 4])):
        fact = rng.choice(types)
        body: dict[str, Any] = dict(rng.choice(_TESTS.get(fact, [{}]))) if rng.random() < 0.4 \
            else {}
        if rng.random() < 0.6:
            join = _join_field(rng, fact, earlier)
            if join:
                body[join[0]] = {"same_as": f"{join[1]}.{join[2]}"}
        if rng.random() < 0.15:
            patterns.append({"not": {fact: body}})
        else:
            patterns.append({fact: body, "as": f"x{k}"})
            earlier.append((f"x{k}", fact))
    if stage == "recommend":
        causes = [a for a, f in earlier if f == "cause"]
        if not causes:
            patterns.append({"cause": {"gap": {"same_as": "x0.id"}}, "as": "xc"})
            causes = ["xc"]
        then: dict[str, Any] = {"recommend": {"intervention": rng.choice(_IDS["intervention"]),
                                              "priority": rng.randint(1, 9),
                                              "for": rng.choice(causes)}}
    else:
        kind = "evidence" if stage == "evidence" else "cause"
        then = {kind: {"pattern": rng.choice(_IDS["pattern"]),
                       "certainty": rng.choice([0.3, 0.6, 0.9, -0.3]), "for": "x0"}}
    return {"id": f"JF-{n}", "stage": stage, "title": {"en": "j", "zh": "j"},
            "when": {"all": patterns}, "then": then, "rationale": {"en": "r", "zh": "r"},
            "source": "s"}


def join_input(seed: int, index: int, cases: int = 4) -> FuzzInput:
    rng = _rng(seed, "join", index)
    rules = [_join_rule(rng, n) for n in range(rng.choice([1, 2, 3, 4]))]
    text = yaml.safe_dump({"rules": rules}, allow_unicode=True, sort_keys=False)
    return FuzzInput("join", index, f"{len(rules)} join rule(s)", _kb_steps(rng, cases),
                     kb_files={"rules/zz_joins.yaml": text})


def inputs(seed: int, counts: dict[str, int], join_cases: int = 4) -> Iterator[FuzzInput]:
    """Every input of a run, interleaved so that slow and fast ones share the workers."""
    makers = {"case": case_input, "kb": kb_input,
              "join": lambda s, i: join_input(s, i, join_cases)}
    order = sorted((i / n, g, i) for g, n in counts.items() for i in range(n))
    for _, g, i in order:
        yield makers[g](seed, i)
