"""`perfdx kb init DIR`: a complete, tested copy of the bundled KB; never overwrites (issue 5)."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from engine.authoring.init import PARTS, init_kb
from engine.kb.load import default_kb_dir
from tests.conftest import ROOT


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for part in PARTS
                  for p in (root / part).rglob("*") if p.is_file())


def test_init_copies_rules_catalogs_scenarios_schemas_readme_and_cases(run, tmp_path: Path) -> None:
    dest = tmp_path / "my-kb"
    result = run("kb", "init", str(dest))
    assert result.exit_code == 0
    source = default_kb_dir()
    assert _tree(dest) == _tree(source)
    for rel in _tree(dest):
        assert filecmp.cmp(source / rel, dest / rel, shallow=False), rel
    assert (dest / "knowledge_base" / "README.md").is_file()
    assert result.stdout.splitlines()[0] == (
        f"created knowledge base {dest}: {len(list(dest.glob('rules/*.yaml')))} rule files, "
        f"{len(list(dest.glob('knowledge_base/*.yaml')))} catalog files, "
        f"{len(list(dest.glob('knowledge_base/scenarios/*.yaml')))} scenario file"
        f"{'' if len(list(dest.glob('knowledge_base/scenarios/*.yaml'))) == 1 else 's'}, "
        f"{len(list(dest.glob('examples/cases/*.yaml')))} example cases")
    assert f"  check   perfdx kb check --kb {dest}" in result.stdout.splitlines()


def test_the_copy_checks_and_passes_its_tests(run, tmp_path: Path) -> None:
    dest = tmp_path / "my-kb"
    run("kb", "init", str(dest))
    assert run("kb", "check", "--kb", str(dest)).exit_code == 0
    result = run("kb", "test", "--kb", str(dest))
    assert result.exit_code == 0, result.stdout


def test_an_empty_folder_is_used(run, tmp_path: Path) -> None:
    dest = tmp_path / "empty"
    dest.mkdir()
    assert run("kb", "init", str(dest)).exit_code == 0
    assert (dest / "rules").is_dir()


def test_a_non_empty_folder_is_refused_and_left_alone(run, tmp_path: Path) -> None:
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("kb", "init", str(dest))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {dest}: folder is not empty; kb init never "
                             "overwrites (choose a new or empty folder)\n")
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy"]  # no staging folder left


def test_a_file_is_refused(run, tmp_path: Path) -> None:
    dest = tmp_path / "a-file"
    dest.write_text("x", encoding="utf-8")
    result = run("kb", "init", str(dest))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {dest}: exists and is not a folder (choose a new "
                             "folder for the knowledge base)\n")


def test_init_from_the_layout_of_an_installed_wheel(tmp_path: Path) -> None:
    """Installed, the KB lives in engine/_default_kb, laid out by pyproject's force-include."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert {Path(v).relative_to("engine/_default_kb") for v in mapping.values()} == set(PARTS)
    wheel = tmp_path / "site" / "engine" / "_default_kb"
    for src, dst in mapping.items():
        shutil.copytree(ROOT / src, tmp_path / "site" / dst)
    made = init_kb(tmp_path / "copy", source=wheel)
    assert _tree(made.root) == _tree(wheel)
    scenario_cases = [line.split("case: ", 1)[1] for p in
                      (made.root / "knowledge_base" / "scenarios").glob("*.yaml")
                      for line in p.read_text(encoding="utf-8").splitlines()
                      if line.strip().startswith("case: ")]
    assert scenario_cases
    for case in scenario_cases:
        assert (made.root / "knowledge_base" / "scenarios" / case).is_file(), case
