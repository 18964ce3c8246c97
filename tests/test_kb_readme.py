"""The KB editors' README documents every problem code and operator, and every kb command has
help (issue 5)."""

from __future__ import annotations

import re

import click
import pytest

from cli.main import cli
from engine.authoring.codes import CODES
from engine.kb.operators import OPERATORS, SYNONYMS
from tests.conftest import ROOT

README = (ROOT / "knowledge_base" / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else len(README)]


def test_every_code_is_documented_once_and_nothing_else() -> None:
    rows = re.findall(r"^\| ([EW]\d{3}) \| (.+?) \| (.+?) \|$", _section("Problem codes"), re.M)
    assert [code for code, _m, _e in rows] == sorted(CODES)
    for code, meaning, example in rows:
        assert meaning == CODES[code], code
        assert example.strip(), code


def test_every_operator_and_synonym_is_documented() -> None:
    table = _section("How a rule is written")
    for word in list(OPERATORS) + list(SYNONYMS):
        assert f"`{word}`" in table, word


KB_GROUP = cli.get_command(click.Context(cli), "kb")
assert isinstance(KB_GROUP, click.Group)
KB_COMMANDS = sorted(KB_GROUP.list_commands(click.Context(KB_GROUP)))


def test_the_kb_group_has_the_authoring_commands() -> None:
    assert {"init", "check", "test", "schema", "diff"} <= set(KB_COMMANDS)


@pytest.mark.parametrize("name", KB_COMMANDS)
def test_every_kb_command_and_option_explains_itself(run, name: str) -> None:
    result = run("kb", name, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert f" kb {name} [OPTIONS]" in result.stdout.splitlines()[0]
    command = KB_GROUP.get_command(click.Context(KB_GROUP), name)
    assert command.help and len(command.help) > 40
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts}"
