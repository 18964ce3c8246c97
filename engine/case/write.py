"""Adding answers to a case file without disturbing what is there.

A consultation's answers are appended to `observations`, keeping the file's comments, key order
and flow style (ruamel.yaml's round trip; PyYAML would drop every comment). JSON case files are
rewritten as JSON with the same key order. Writing the file is the CLI's work (cli/safe_write.py:
whole or not at all).
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import InputError


def _answers_yaml(text: str, answers: list[dict[str, Any]]) -> str:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    # keep the file's way of indenting lists under a key ("  - x" or "- x")
    offset = 2 if re.search(r"^[A-Za-z_][^\n]*:[ \t]*(#[^\n]*)?\n  - ", text, re.M) else 0
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):
        raise InputError("the case file is not a mapping; answers cannot be added")
    observations = data.get("observations")
    if observations is None:
        observations = CommentedSeq()
        data["observations"] = observations
    flow = bool(observations) and isinstance(observations[0], CommentedMap) and \
        observations[0].fa.flow_style()
    for a in answers:
        item = CommentedMap(a)
        if flow or not observations:
            item.fa.set_flow_style()
        observations.append(item)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _answers_json(text: str, answers: list[dict[str, Any]]) -> str:
    data = json.loads(text)
    data.setdefault("observations", []).extend(answers)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def case_with_answers(source: str, text: str, answers: list[dict[str, Any]]) -> str:
    """The text of the case file `source` (whose content is `text`) plus `answers`
    (observation mappings); writing it is the caller's (the CLI's safe writer)."""
    return _answers_json(text, answers) if source.endswith(".json") else \
        _answers_yaml(text, answers)
