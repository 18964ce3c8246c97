"""Issue 11, point 1: every item of the PDC-HS, Gilbert's PROBE questions and Mager & Pipe's
flowchart has an observation, and knowledge_base/README.md shows the generated coverage table."""

from __future__ import annotations

from engine.authoring.instruments import END, START, load_items, problems, rules_using, table
from engine.kb.load import load_kb
from tests.conftest import ROOT

KB = load_kb(ROOT)
ITEMS = load_items(ROOT)


def test_every_item_names_known_observations_and_every_observation_is_covered() -> None:
    assert problems(KB, ITEMS) == []


def test_the_pdc_hs_has_its_twenty_items_in_four_sections() -> None:
    pdc = next(i for i in ITEMS if i["id"] == "pdc_hs")
    sections = [it["item"].split()[0] for it in pdc["items"]]
    assert len(sections) == 20
    assert (sections.count("Training"), sections.count("Task"), sections.count("Resources"),
            len(sections) - 14) == (4, 5, 5, 6)


def test_probe_covers_all_six_cells() -> None:
    probe = next(i for i in ITEMS if i["id"] == "probe")
    assert {it["item"] for it in probe["items"]} == {
        "Information", "Resources", "Incentives", "Knowledge", "Capacity", "Motives"}


def test_every_observation_in_the_table_is_used_by_a_rule() -> None:
    used = rules_using(KB)
    assert [o for o in KB.observations if o not in used] == []


def test_the_readme_table_is_current() -> None:
    readme = (ROOT / "knowledge_base" / "README.md").read_text(encoding="utf-8")
    current = readme[readme.index(START):readme.index(END) + len(END)]
    assert current == table(KB, ITEMS), (
        "regenerate it: python -m engine.authoring.instruments --write")
