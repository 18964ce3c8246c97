"""MYCIN certainty factors."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.reasoning.certainty import combine, combine_two, premise, strongest


@pytest.mark.parametrize(("a", "b", "expected"), [
    (0.5, 0.5, 0.75), (0.6, 0.0, 0.6), (-0.5, -0.5, -0.75), (0.8, -0.4, 0.6666666666666667),
    (-0.8, 0.4, -0.6666666666666667), (1.0, -1.0, 0.0),
])
def test_two(a: float, b: float, expected: float) -> None:
    assert combine_two(a, b) == pytest.approx(expected)


def test_several_for_and_against() -> None:
    # positives 0.5, 0.7 -> 0.85; negatives -0.4 -> (0.85 - 0.4) / (1 - 0.4) = 0.75
    assert combine([0.5, -0.4, 0.7]) == pytest.approx(0.75)


cf = st.floats(min_value=-1, max_value=1, allow_nan=False)


@given(st.lists(cf, min_size=1, max_size=5))
def test_order_never_matters(values: list[float]) -> None:
    results = [combine(p) for p in itertools.permutations(values)]
    assert max(results) - min(results) < 1e-12  # equal up to floating-point rounding


@given(st.lists(cf, max_size=6))
def test_result_stays_within_minus_one_and_one(values: list[float]) -> None:
    assert -1 <= combine(values) <= 1


def test_premise_is_the_weakest_fact_clamped() -> None:
    assert premise([1.0, 0.6, 0.9]) == 0.6
    assert premise([-0.3]) == 0.0
    assert premise([]) == 1.0


def test_strongest_binding_counts_once() -> None:
    assert strongest([0.3, -0.5, 0.4]) == -0.5
