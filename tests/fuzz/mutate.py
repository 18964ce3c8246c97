"""Mutations of YAML/JSON text, at the level of characters and lines and at the level of the
parsed structure. Pure functions of a seeded random.Random, so an input is reproducible from
(seed, generator, index) alone."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from typing import Any

import yaml

# Characters that mean something to YAML, JSON, terminals or Unicode handling.
CHARS = [":", "-", " ", "\t", "{", "}", "[", "]", '"', "'", "&", "*", "!", "#", "|", ">", "%",
         "@", "`", ",", "?", "\n", "\r", "\x00", "\x1b", "\u202e", "é", "中", "\ufeff", "\\"]

# Fragments that have broken YAML readers before (tags, anchors, odd numbers and dates).
TOKENS = ["!!float forty", "!!int 4x1", "!!bool maybe", "!!timestamp soon", "!!binary aGk=",
          "!!python/object:os.system", "&a x", "*a", "<<: *a", "? ", "%YAML 1.1\n", "---\n",
          "...\n", "~", ".nan", ".inf", "-.inf", "1e400", "9" * 401, "0x1F", "0o17", "1_000",
          "2026-02-30", "2026-13-01", "0", "yes", "no", "on", "null", '"\\u0000"',
          '"\\x1b[31m"', "'\n'", "{a: 1, a: 2}", "[[[[[[[[[[", "{{{{{{", "- - - -", "\"",
          "'", "\\", "a" * 300, "😀", "\u0085", "\u2028"]

# Values a structure mutation writes in place of another.
VALUES: list[Any] = [None, "", " ", 0, -1, 1, 2, 0.5, -0.5, 1e-5, 1e-300, 1e308, -1e308,
                     10 ** 30, True, False, "x" * 300, "unknown_name", "2026-13-01", "2026-02-29",
                     dt.date(1970, 1, 1), dt.date(2026, 2, 28), [], {}, [1, 2], {"a": 1}, "😀",
                     "a\nb", "\x1b[31mred", "60", "high", "1e-5", 0.0001, 100, 4.3, "NaN"]

NUMBERS = ['"60"', "high", "1e-5", "null", "0.00001", "1.0e+300", ".inf", "-.inf", ".nan", "-1",
           "0", "2", "1000000", "-0.0", "1e15", "0.0001", "[]", "{}", "true", "''"]

_NUMBER = re.compile(r"(?<=[:\[,] )-?\d+(?:\.\d+)?(?=[,}\]\s])")


def text_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    """One character/line-level mutation of `text`; returns (new text, what was done)."""
    lines = text.split("\n")
    kind = rng.choice(["char", "token", "delete_line", "duplicate_line", "swap_lines",
                       "truncate", "indent", "number", "number", "tweak", "tweak", "tweak"])
    if kind == "tweak":  # a plausible value: exercises reasoning rather than validation
        found = list(_NUMBER.finditer(text))
        if found:
            m = rng.choice(found)
            old = float(m.group())
            new = f"{old * rng.choice([0, 0.5, 0.9, 1.1, 1.5, 2]):g}"
            return text[:m.start()] + new + text[m.end():], f"number at offset {m.start()} -> {new}"
        kind = "token"
    if kind == "number":
        found = list(_NUMBER.finditer(text))
        if found:
            m = rng.choice(found)
            value = rng.choice(NUMBERS)
            return text[:m.start()] + value + text[m.end():], \
                f"number at offset {m.start()} -> {value}"
        kind = "token"
    if kind == "char" and text:
        at = rng.randrange(len(text))
        char = rng.choice(CHARS)
        return text[:at] + char + text[at + 1:], f"char at {at} -> {char!r}"
    if kind == "token" or not text:
        at = rng.randrange(len(text) + 1)
        token = rng.choice(TOKENS)
        return text[:at] + token + text[at:], f"insert {token[:20]!r} at {at}"
    if kind == "delete_line":
        i = rng.randrange(len(lines))
        return "\n".join(lines[:i] + lines[i + 1:]), f"delete line {i + 1}"
    if kind == "duplicate_line":
        i = rng.randrange(len(lines))
        return "\n".join(lines[:i + 1] + [lines[i]] * rng.choice([1, 1, 2, 10]) + lines[i + 1:]), \
            f"duplicate line {i + 1}"
    if kind == "swap_lines":
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines), f"swap lines {i + 1} and {j + 1}"
    if kind == "truncate":
        at = rng.randrange(len(text) + 1)
        return text[:at], f"truncate at {at}"
    i = rng.randrange(len(lines))
    lines[i] = ("  " + lines[i]) if rng.random() < 0.5 else lines[i][2:]
    return "\n".join(lines), f"reindent line {i + 1}"


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (key/index tuple) to a node below `node`."""
    out: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append(prefix + (k,))
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append(prefix + (i,))
            out += _paths(v, prefix + (i,))
    return out


def _parent(root: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        root = root[key]
    return root


def structure_mutation(rng: random.Random, data: Any) -> str:
    """One mutation of parsed YAML data, in place; returns what was done."""
    paths = _paths(data)
    if not paths:
        return "nothing to mutate"
    path = rng.choice(paths)
    parent, key = _parent(data, path), path[-1]
    where = ".".join(str(p) for p in path)
    kind = rng.choice(["value", "value", "value", "delete", "add_key", "duplicate", "retype",
                       "swap", "rename"])
    if kind == "value":
        value = rng.choice(VALUES)
        parent[key] = value
        return f"{where} = {value!r:.40}"
    if kind == "delete":
        del parent[key]
        return f"delete {where}"
    if kind == "add_key" and isinstance(parent, dict):
        new = rng.choice(["extra", "unknown", f"{key}x", str(key).upper(), "id", "as", "not"])
        parent[new] = rng.choice(VALUES)
        return f"add key {new!r} beside {where}"
    if kind == "duplicate" and isinstance(parent, list):
        times = rng.choice([1, 1, 2, 5, 20])
        for _ in range(times):
            parent.insert(key, json.loads(json.dumps(parent[key], default=str)))
        return f"duplicate {where} x{times}"
    if kind == "retype":
        old = parent[key]
        parent[key] = [old] if not isinstance(old, list) else {"x": old}
        return f"retype {where}"
    if kind == "swap":
        other = rng.choice(paths)
        oparent = _parent(data, other)
        try:
            parent[key], oparent[other[-1]] = oparent[other[-1]], parent[key]
        except (KeyError, IndexError, TypeError):
            return f"swap {where} (no-op)"
        return f"swap {where} with {'.'.join(str(p) for p in other)}"
    if isinstance(parent, dict):
        new_key = rng.choice([f"{key}_", str(key)[:-1] or "k", str(key).title(), "", "a b"])
        parent[new_key] = parent.pop(key)
        return f"rename {where} -> {new_key!r}"
    parent[key] = rng.choice(VALUES)
    return f"{where} = value"


def dump(data: Any, as_json: bool) -> str:
    """YAML or JSON text of mutated data (dates and other odd values as strings in JSON)."""
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
