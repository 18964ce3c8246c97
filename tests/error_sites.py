"""Every error message perfdx can raise, read from its code (issue 16, point 11): the first
argument and the `hint=` of each call that raises or records an error (`...Error(...)`,
`Problem(...)`, and the checkers' `_err`, `add`, `error`, `_entry`, `fail`), as a sample text with
`X` for each value an f-string fills in. A message of two words or fewer is left out (a name)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import yaml

from engine.messages import translate
from tests.english_left import english_left

ROOT = Path(__file__).resolve().parent.parent
_CALLS = ("Problem", "_err", "add", "error", "_entry", "_Refused", "fail")


def _sample(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _sample(node.left), _sample(node.right)
        return None if left is None or right is None else left + right
    return None


def error_messages() -> Iterator[tuple[str, str]]:
    """(module path, sample text) for each error message of engine/, in file order."""
    for path in sorted((ROOT / "engine").rglob("*.py")):
        if "messages" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if not (name.endswith("Error") or name in _CALLS):
                continue
            first = node.args[2] if name == "_entry" and len(node.args) > 2 else (
                node.args[0] if node.args and name != "_entry" else None)
            texts = [first] + [k.value for k in node.keywords if k.arg in ("hint", "message")]
            for text in map(_sample, texts):
                if text is not None and len(text.split()) > 2:
                    yield path.relative_to(ROOT).as_posix(), text


def still_english() -> dict[str, list[str]]:
    """The error messages that the message table leaves English, by module."""
    found: dict[str, list[str]] = {}
    for module, text in error_messages():
        if english_left(translate(text, "zh") or text) and text not in found.get(module, []):
            found.setdefault(module, []).append(text)
    return found


HEADER = """\
# Error messages that are still English under --lang zh / PERFDX_LANG=zh (issue 16, point 11),
# by module, as tests/error_sites.py reads them from the code (X stands for a value).
# tests/test_error_messages_walk.py keeps this list exact: put a message into Chinese in
# engine/messages/, then rewrite this list with `python -m tests.error_sites`.
"""

if __name__ == "__main__":  # rewrite tests/data/english_error_messages.yaml
    (ROOT / "tests" / "data" / "english_error_messages.yaml").write_text(
        HEADER + yaml.safe_dump(still_english(), allow_unicode=True, width=100), encoding="utf-8")
