"""A stage's facts go to durable_rules in one call (issue 15): the guarantees of a lone assert
hold for a batch too (durable_rules_notes.md: a batch with a duplicate stores the rest)."""

from __future__ import annotations

import pytest

from engine.errors import EngineError
from engine.reasoning.session import engine

RATING = {"t": "rating", "source": "peer", "dimension": "teamwork", "score": 3}


def test_a_duplicate_inside_a_batch_is_refused_before_anything_is_asserted(kb) -> None:
    with engine().session(kb) as s:
        with pytest.raises(EngineError) as err:
            s.assert_facts([dict(RATING, id="rating-1"), dict(RATING, id="rating-2"),
                            dict(RATING, id="rating-1")])
        assert str(err.value) == "fact id 'rating-1' asserted twice in one session"
        assert s.asserted == {}
        with pytest.raises(EngineError, match="error code: 309"):  # durable_rules saw nothing
            s.working_memory()


def test_a_batch_repeating_an_earlier_fact_is_refused(kb) -> None:
    with engine().session(kb) as s:
        s.assert_facts([dict(RATING, id="rating-1"), dict(RATING, id="rating-2")])
        with pytest.raises(EngineError) as err:
            s.assert_facts([dict(RATING, id="rating-3"), dict(RATING, id="rating-2")])
        assert str(err.value) == "fact id 'rating-2' asserted twice in one session"
        assert [f["id"] for f in s.working_memory()] == ["rating-1", "rating-2"]


def test_a_fact_of_an_unknown_type_in_a_batch_is_named(kb) -> None:
    with engine().session(kb) as s, pytest.raises(EngineError) as err:
        s.assert_facts([dict(RATING, id="rating-1"), {"id": "x-1", "t": "nonsense"},
                        dict(RATING, id="rating-2")])
    assert str(err.value) == "the rule engine dropped fact 'x-1' (no rule matches its type)"


def test_a_batch_is_held_in_full_and_in_order(kb) -> None:
    facts = [dict(RATING, id=f"rating-{i}", score=i % 5 + 1) for i in range(1, 40)]
    with engine().session(kb) as s:
        s.assert_facts(facts)
        held = s.working_memory()
    assert [f["id"] for f in held] == [f["id"] for f in facts]
